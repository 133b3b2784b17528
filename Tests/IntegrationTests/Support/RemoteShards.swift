import Foundation
import TrawlCore
import TrawlTestSupport

/// The sharding corpus as three shards served by three `ShardHosts`, and a folder whose
/// `current` stub lists them as `remote` lines (what trawld serves); with `alsoAsOne`, the same
/// articles as one database to compare with.
final class RemoteShards {
    let three: IndexFixture
    let one: IndexFixture?
    let hosts: ShardHosts
    /// An index folder holding only the remote stub.
    let stubFolder: String

    init(alsoAsOne: Bool = false, idleTimeoutMs: Int? = nil) throws {
        three = try Self.indexed(shards: 3)
        one = alsoAsOne ? try Self.indexed(shards: 1) : nil
        hosts = try ShardHosts(databases: three.layout.shardPaths(generation: 1), idleTimeoutMs: idleTimeoutMs)
        stubFolder = three.directory + "/remote"
        try FileManager.default.createDirectory(atPath: stubFolder, withIntermediateDirectories: true)
        try hosts.stub.write(toFile: stubFolder + "/current", atomically: true, encoding: .utf8)
    }

    /// The shards opened as trawld's workers open them.
    func reader(timeouts: ShardTimeouts = ShardTimeouts()) throws -> IndexReader {
        try IndexReader(endpoints: hosts.endpoints, timeouts: timeouts)
    }

    static func indexed(shards: Int) throws -> IndexFixture {
        let fixture = try IndexFixture(withSeeds: false)
        try ShardedCorpus.write(into: fixture)
        var options = IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)
        options.writers = 2
        options.shards = shards
        _ = try Indexer(options: options).run(rebuild: true)
        return fixture
    }
}
