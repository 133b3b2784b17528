import Foundation
import TrawlCore
import TrawlProtocol

/// A worker's care of the shards its reader opened itself (a stub with remote lines or several
/// lines, or replicas): before each job it leaves out endpoints the monitor says are down and
/// reconnects those that are back; after a search it reports the endpoints that failed; when idle
/// it keeps remote connections alive (xapian-tcpsrv drops idle ones after its idle timeout).
struct ShardUpkeep {
    /// The reader's endpoints, in its order (each shard's stub line, then its replicas).
    let servers: [ShardServer]
    /// When each endpoint was last connected afresh by this worker: at most once a second, so a
    /// host the monitor still thinks up costs a failing request at most that often.
    private var lastConnect: [ContinuousClock.Instant?]

    /// Idle workers touch their remote connections this often (tcpsrv's default idle timeout is 60 s).
    static let keepAliveInterval: TimeInterval = 20

    init(servers: [ShardServer]) {
        self.servers = servers
        lastConnect = Array(repeating: nil, count: servers.count)
    }

    /// Follows the monitor's view: down endpoints out of the search, endpoints that are back in,
    /// replicas that are behind used only while no other of their shard is ready. A closed
    /// endpoint is connected again only while its host serves `generation`: an answer never mixes
    /// generations (an open connection keeps serving the generation it opened).
    mutating func beforeJob(_ reader: IndexReader, _ monitor: ShardMonitor, generation: Int) {
        let behind = self.behind(monitor)
        for (i, server) in servers.enumerated() {
            guard let health = monitor.health(server.endpoint) else { continue }
            try? reader.setEndpointWanted(i, health.state == .up)
            try? reader.setEndpointPreferred(i, !behind[i])
            guard health.state == .up, !reader.isEndpointOpen(i), health.generation == generation else { continue }
            if let last = lastConnect[i], ContinuousClock.now - last < .seconds(1) { continue }
            lastConnect[i] = .now
            do {
                try reader.connectEndpoint(i)
            } catch {
                monitor.report(server.endpoint, error: "\(error)")
            }
        }
    }

    /// Which endpoints are up but behind another up replica of their shard in the same generation
    /// (a lower `trawl.seq`): answers took turns between a replica whose replication had stopped
    /// and one that had the latest changes (counts of 19 and 40, in turn, for as long as it stayed
    /// stopped). Such a replica is not preferred: it answers only when no other can (it stays
    /// open for that). Replicas equally behind are all used; a shard's only endpoint always is.
    func behind(_ monitor: ShardMonitor) -> [Bool] {
        struct ShardGeneration: Hashable {
            let shard: Int
            let generation: Int
        }
        let up = servers.map { server in monitor.health(server.endpoint).flatMap { $0.state == .up ? $0 : nil } }
        let group = servers.indices.map { ShardGeneration(shard: servers[$0].shard, generation: up[$0]?.generation ?? 0) }
        var newest: [ShardGeneration: UInt64] = [:]
        for i in servers.indices { if let health = up[i] { newest[group[i]] = max(newest[group[i]] ?? 0, health.seq) } }
        return servers.indices.map { i in up[i].map { $0.seq < newest[group[i]] ?? 0 } ?? false }
    }

    /// The newest generation that every shard can give through an endpoint the monitor saw up on
    /// it; nil while no generation is served by all shards (a host down, or replicas catching up
    /// with different shards). Workers switch to it when newer.
    func commonGeneration(_ monitor: ShardMonitor) -> Int? {
        var common: Set<Int>?
        for shard in Set(servers.map(\.shard)) {
            let served = Set(
                servers.filter { $0.shard == shard }.compactMap { server in
                    monitor.health(server.endpoint).flatMap { $0.state == .up ? $0.generation : nil }
                })
            common = common.map { $0.intersection(served) } ?? served
        }
        return common?.max()
    }

    /// The endpoints a search will use (open ones: down ones are closed or left out already).
    func open(_ reader: IndexReader) -> [Bool] { servers.indices.map { reader.isEndpointOpen($0) } }

    /// Endpoints that failed during a search or a reopen (open before it, closed after it): down
    /// for every worker until a probe finds them back, also when a replica answered for them.
    func reportClosed(openBefore: [Bool], _ reader: IndexReader, _ monitor: ShardMonitor) {
        for (i, server) in servers.enumerated() where openBefore[i] && !reader.isEndpointOpen(i) {
            monitor.report(server.endpoint, error: reader.endpointError(i))
        }
    }

    /// Keeps idle remote connections from being dropped; a broken one closes (reported).
    func keepAlive(_ reader: IndexReader, _ monitor: ShardMonitor) {
        for (i, server) in servers.enumerated() where server.endpoint.isRemote && reader.isEndpointOpen(i) {
            do {
                try reader.keepEndpointAlive(i)
            } catch {
                monitor.report(server.endpoint, error: "\(error)")
            }
        }
    }

    /// `hello`/`stats`' list: the monitor's view, or this reader's before the first probe. A shard
    /// is up while one of its endpoints is; a shard with replicas lists each one.
    func statuses(_ reader: IndexReader, _ monitor: ShardMonitor, generation: Int) -> [ShardStatus] {
        let behind = self.behind(monitor)
        let replicas = servers.enumerated().map { i, server in
            let health = monitor.health(server.endpoint)
            return ShardStatus.Replica(
                endpoint: server.endpoint.description, state: health?.state ?? (reader.isEndpointOpen(i) ? .up : .down),
                documents: health?.documents ?? 0, generation: health?.generation ?? generation, behind: behind[i])
        }
        return Dictionary(grouping: servers.indices, by: { servers[$0].shard }).sorted { $0.key < $1.key }.map { shard, indices in
            let own = indices.map { replicas[$0] }
            let shown = own.first { $0.state == .up } ?? own[0]
            return ShardStatus(
                name: ShardStub.name(shard), endpoint: own[0].endpoint, state: shown.state, documents: shown.documents,
                generation: shown.generation, replicas: own.count > 1 ? own : [])
        }
    }
}
