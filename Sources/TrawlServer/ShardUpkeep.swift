import Foundation
import TrawlCore
import TrawlProtocol

/// A worker's care of the shards its reader opened itself (a stub with remote lines or several
/// lines): before each job it leaves out shards the monitor says are down and reconnects those
/// that are back; after a search it reports the shards that failed; when idle it keeps remote
/// connections alive (xapian-tcpsrv drops idle ones after its idle timeout).
struct ShardUpkeep {
    /// The reader's shards, in shard order.
    let endpoints: [ShardEndpoint]
    /// When each shard was last connected afresh by this worker: at most once a second, so a
    /// host the monitor still thinks up costs a failing request at most that often.
    private var lastConnect: [ContinuousClock.Instant?]

    /// Idle workers touch their remote connections this often (tcpsrv's default idle timeout is 60 s).
    static let keepAliveInterval: TimeInterval = 20

    init(endpoints: [ShardEndpoint]) {
        self.endpoints = endpoints
        lastConnect = Array(repeating: nil, count: endpoints.count)
    }

    /// Follows the monitor's view: down shards out of the search, shards that are back in. A
    /// closed shard is connected again only while its host serves `generation`: an answer never
    /// mixes generations (an open connection keeps serving the generation it opened).
    mutating func beforeJob(_ reader: IndexReader, _ monitor: ShardMonitor, generation: Int) {
        for (i, endpoint) in endpoints.enumerated() {
            guard let health = monitor.health(endpoint) else { continue }
            try? reader.setShardWanted(i, health.state == .up)
            guard health.state == .up, !reader.isShardOpen(i), health.generation == generation else { continue }
            if let last = lastConnect[i], ContinuousClock.now - last < .seconds(1) { continue }
            lastConnect[i] = .now
            do {
                try reader.connectShard(i)
            } catch {
                monitor.report(endpoint, error: "\(error)")
            }
        }
    }

    /// The generation every shard's host serves, once the monitor has seen all of them up on the
    /// same one; nil while replicas catch up (or a host is down). Workers switch to it when newer.
    func commonGeneration(_ monitor: ShardMonitor) -> Int? {
        let generations = Set(endpoints.map { monitor.health($0).flatMap { $0.state == .up ? $0.generation : nil } })
        guard generations.count == 1, let common = generations.first else { return nil }
        return common
    }

    /// The shards a search will use (open ones: down ones are closed or left out already).
    func open(_ reader: IndexReader) -> [Bool] { endpoints.indices.map { reader.isShardOpen($0) } }

    /// Shards that failed during a search (open before it, missing from it): down for every
    /// worker until a probe finds them back. Shards that were out already say nothing new.
    func afterSearch(missing names: [String], openBefore: [Bool], _ reader: IndexReader, _ monitor: ShardMonitor) {
        for (i, endpoint) in endpoints.enumerated()
        where openBefore[i] && !reader.isShardOpen(i) && names.contains(ShardStub.name(i)) {
            monitor.report(endpoint, error: reader.shardError(i))
        }
    }

    /// Keeps idle remote connections from being dropped; a broken one closes (reported).
    func keepAlive(_ reader: IndexReader, _ monitor: ShardMonitor) {
        for (i, endpoint) in endpoints.enumerated() where endpoint.isRemote && reader.isShardOpen(i) {
            do {
                try reader.keepShardAlive(i)
            } catch {
                monitor.report(endpoint, error: "\(error)")
            }
        }
    }

    /// `hello`/`stats`' list: the monitor's view, or this reader's before the first probe.
    func statuses(_ reader: IndexReader, _ monitor: ShardMonitor, generation: Int) -> [ShardStatus] {
        endpoints.enumerated().map { i, endpoint in
            let health = monitor.health(endpoint)
            let state = health?.state ?? (reader.isShardOpen(i) ? .up : .down)
            return ShardStatus(
                name: ShardStub.name(i), endpoint: endpoint.description, state: state, documents: health?.documents ?? 0,
                generation: health?.generation ?? generation)
        }
    }
}
