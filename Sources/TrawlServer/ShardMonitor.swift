import Foundation
import Logging
import TrawlCore
import TrawlProtocol

/// What the monitor last saw of one shard endpoint.
struct ShardHealth: Sendable, Equatable {
    var state: ShardStatus.State
    var documents = 0
    var generation = 0
    /// The last change it holds (`trawl.seq`).
    var seq: UInt64 = 0
    /// Why it is down ("" when up).
    var error = ""
}

/// Probes every shard endpoint of the served stub about once a second, each on a thread of its
/// own: the probes block (connect, greeting, up to the shard timeouts), so never on the event
/// loops or Swift's cooperative pool, and a frozen host delays no other probe. Each probe opens a
/// fresh connection (an open one keeps serving what it opened) and reads the document count,
/// `trawl.generation` and `trawl.seq`.
///
/// Workers leave `down` shards out before a query, so only requests in flight when a host dies
/// pay its timeout; a worker that sees a shard fail reports it, marking it down for all at once.
final class ShardMonitor: Sendable {
    let layout: IndexLayout
    let timeouts: ShardTimeouts
    let replicas: ShardReplicas
    let logger: Logger
    let interval: TimeInterval

    /// NOTE: `@unchecked` because the lock, not the type system, guards every field.
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var health: [ShardEndpoint: ShardHealth] = [:]
        /// The stub's endpoints now (probes of others end).
        var endpoints: Set<ShardEndpoint> = []
        var probing: Set<ShardEndpoint> = []
        var stopping = false
        /// The highest generation any worker has read from the shards.
        var servedGeneration = 0
    }

    private let state = State()

    /// The generation the workers serve, as far as any has read it: for a worker that opens the
    /// shards while none answers (it cannot read it, and the number must never go down).
    var servedGeneration: Int { state.lock.withLock { state.servedGeneration } }

    /// A worker read `generation` from the shards.
    func served(generation: Int) {
        state.lock.withLock { state.servedGeneration = max(state.servedGeneration, generation) }
    }

    init(
        layout: IndexLayout, timeouts: ShardTimeouts, replicas: ShardReplicas = .none, logger: Logger,
        interval: TimeInterval = 1
    ) {
        self.layout = layout
        self.timeouts = timeouts
        self.replicas = replicas
        self.logger = logger
        self.interval = interval
    }

    /// Starts the thread that follows the stub and starts a probe thread per endpoint.
    func start() {
        NamedThread.start("trawld-shard-monitor") { [self] in
            while !isStopping {
                followStub()
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }

    func stop() { state.lock.withLock { state.stopping = true } }

    /// The last probe of `endpoint`; nil before the first one.
    func health(_ endpoint: ShardEndpoint) -> ShardHealth? { state.lock.withLock { state.health[endpoint] } }

    /// A worker saw the shard fail: down for every worker now; the next probe says when it is back.
    func report(_ endpoint: ShardEndpoint, error: String) {
        let changed = state.lock.withLock { () -> Bool in
            let was = state.health[endpoint]?.state
            state.health[endpoint, default: ShardHealth(state: .down)].state = .down
            state.health[endpoint]?.error = error
            return was != .down
        }
        if changed { logger.warning("shard down", metadata: ["endpoint": "\(endpoint)", "error": "\(error)"]) }
    }

    /// The endpoints trawld opens itself for `stub` (each line, then its replicas), or nil when
    /// Xapian opens the stub (one local line without replicas).
    static func servers(of stub: ShardStub, _ replicas: ShardReplicas) -> [ShardServer]? {
        let servers = replicas.servers(of: stub)
        return stub.needsOwnOpening || servers.count > stub.endpoints.count ? servers : nil
    }

    private var isStopping: Bool { state.lock.withLock { state.stopping } }

    private func followStub() {
        guard let stub = try? ShardStub.read(layout.currentStub), let servers = Self.servers(of: stub, replicas) else {
            state.lock.withLock { state.endpoints = [] }
            return
        }
        let endpoints = servers.map(\.endpoint)
        let new = state.lock.withLock { () -> [ShardEndpoint] in
            state.endpoints = Set(endpoints)
            let new = endpoints.filter { !state.probing.contains($0) }
            state.probing.formUnion(new)
            return new
        }
        for endpoint in new { startProbing(endpoint) }
    }

    private func startProbing(_ endpoint: ShardEndpoint) {
        // A probe of a `remote :PROG` shard starts the program (an ssh login, say): ten times rarer.
        let every: TimeInterval
        if case .program = endpoint { every = interval * 10 } else { every = interval }
        NamedThread.start("trawld-shard-probe") { [self] in
            while state.lock.withLock({ !state.stopping && state.endpoints.contains(endpoint) }) {
                record(endpoint, probe(endpoint))
                Thread.sleep(forTimeInterval: every)
            }
            state.lock.withLock {
                state.probing.remove(endpoint)
                state.health[endpoint] = nil
            }
        }
    }

    /// A fresh connection: up with its count and generation, or down with why.
    private func probe(_ endpoint: ShardEndpoint) -> ShardHealth {
        do {
            let reader = try IndexReader(endpoints: [endpoint], timeouts: timeouts)
            guard reader.isEndpointOpen(0) else { return ShardHealth(state: .down, error: reader.endpointError(0)) }
            let generation = Int(try reader.metadata(MetadataKey.generation)) ?? 0
            return ShardHealth(
                state: .up, documents: try reader.documentCount(), generation: generation, seq: try reader.lastChange())
        } catch {
            return ShardHealth(state: .down, error: "\(error)")
        }
    }

    private func record(_ endpoint: ShardEndpoint, _ health: ShardHealth) {
        let was = state.lock.withLock { () -> ShardHealth? in
            defer { state.health[endpoint] = health }
            return state.health[endpoint]
        }
        guard was?.state != health.state else { return }
        switch health.state {
        case .up: logger.info("shard up", metadata: ["endpoint": "\(endpoint)", "generation": "\(health.generation)"])
        case .down: logger.warning("shard down", metadata: ["endpoint": "\(endpoint)", "error": "\(health.error)"])
        }
    }
}
