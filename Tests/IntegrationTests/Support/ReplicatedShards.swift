import Foundation
import TrawlCore
import TrawlTestSupport

/// The sharding corpus as two shards, each served by two `ShardHosts` (replicas): hosts 0 and 1
/// are the stub's lines, hosts 2 and 3 their replicas (`shards.replicas`); and the same articles as
/// one database to compare with.
final class ReplicatedShards {
    let two: IndexFixture
    let one: IndexFixture
    let hosts: ShardHosts
    /// An index folder holding only the remote stub (hosts 0 and 1).
    let stubFolder: String

    init() throws {
        two = try RemoteShards.indexed(shards: 2)
        one = try RemoteShards.indexed(shards: 1)
        let shards = two.layout.shardPaths(generation: 1)
        hosts = try ShardHosts(databases: shards + shards)
        stubFolder = two.directory + "/remote"
        try FileManager.default.createDirectory(atPath: stubFolder, withIntermediateDirectories: true)
        let stub = hosts.hosts.prefix(2).map { "remote \($0.endpoint)\n" }.joined()
        try stub.write(toFile: stubFolder + "/current", atomically: true, encoding: .utf8)
    }

    /// Host n's replica: n + 2 (and back).
    static func replica(of host: Int) -> Int { (host + 2) % 4 }

    /// `shards.replicas` as the environment gives it (entries separated by commas).
    var replicasSetting: String {
        (0..<2).map { "\(hosts.hosts[$0].endpoint) \(hosts.hosts[Self.replica(of: $0)].endpoint)" }.joined(separator: ",")
    }

    /// Each shard's endpoints, as trawld's workers open them.
    var servers: [ShardServer] {
        hosts.endpoints.enumerated().map { ShardServer(shard: $0 % 2, endpoint: $1) }
    }

    func reader(timeouts: ShardTimeouts = ShardTimeouts()) throws -> IndexReader {
        try IndexReader(servers: servers, timeouts: timeouts)
    }
}
