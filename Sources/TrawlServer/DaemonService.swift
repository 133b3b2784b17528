import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TrawlCore
import UnixSignals
import TrawlProtocol

/// The daemon as one `Service`: reader workers, the generation watcher, SIGHUP reloads, and
/// the socket server. Run it in a `ServiceGroup` with `gracefulShutdownSignals: [.sigterm,
/// .sigint]` and `successTerminationBehavior: .gracefullyShutdownGroup`; on graceful shutdown
/// it stops accepting, finishes requests in flight, closes the index, and returns.
public struct DaemonService: Service, CustomStringConvertible {
    /// The settings served with.
    public let config: TrawlConfig
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let onReady: @Sendable (String) async -> Void

    /// - Parameters:
    ///   - onReady: called with the socket path once it accepts connections (tests wait on it).
    public init(
        config: TrawlConfig, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onReady: @escaping @Sendable (String) async -> Void = { _ in }
    ) {
        self.config = config
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.onReady = onReady
    }

    /// How ServiceLifecycle's logs name the service (not the whole configuration).
    public var description: String { "trawld(socket: \(config.socket.path), index: \(config.indexPath))" }

    /// Serves until graceful shutdown; throws `DaemonStartupError` when it cannot start
    /// (socket in use, symlink, bad permissions) and rethrows bind errors.
    public func run() async throws {
        // Refuse a live daemon's socket or a planted symlink before starting anything.
        try SocketFile.prepare(config.socket.path)
        logConfiguration()
        try checkShardTimeouts()
        try checkShardReplicas()
        try checkIndexPath()
        let pool = WorkerPool(
            indexPath: config.indexPath, stemLanguage: config.stemLanguage, workers: config.workers,
            queueSize: config.queueSize, shardTimeouts: config.shardTimeouts, shardLexicon: config.shardLexicon,
            shardReplicas: config.shardReplicas, logger: logger)
        let watcher = GenerationWatcher(layout: IndexLayout(root: config.indexPath), pool: pool, logger: logger)
        let subscriptions = SubscriptionHub(backlogBytes: config.limits.subscriptionBacklogBytes, logger: logger)
        let initial = watcher.signature()  // before the workers open, so no switch slips between
        if initial == nil { logger.warning("\(WorkerIndex.noIndexMessage(config.indexPath)); will serve it once built") }
        // Trapped before the socket is ready: a SIGHUP sent as soon as clients can connect
        // (a reload right after start) found no handler yet, and its default action killed trawld.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let writes = try makeWrites(pool: pool, logger: logger)
        pool.start()
        do {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { await watcher.run(from: initial) }
                group.addTask { await Self.reloadOnHangup(hangups, pool, logger: logger) }
                group.addTask { await SubscriptionMatcher(hub: subscriptions, pool: pool, logger: logger).run() }
                try await makeServer(pool: pool, writes: writes, subscriptions: subscriptions).run { [onReady, path = config.socket.path] in
                    await onReady(path)
                }
                group.cancelAll()  // the watcher, the signal loop and the matcher
            }
        } catch {
            await writes.writer?.shutdown()
            await pool.shutdown()
            throw error
        }
        await writes.writer?.shutdown()
        await pool.shutdown()
        logger.info("trawld stopped")
    }

    private func makeServer(pool: WorkerPool, writes: Writes, subscriptions: SubscriptionHub) -> SocketServer {
        let budgetMs = config.limits.queryTimeBudgetMs
        let stats = ServerStats()
        let dispatcher = RequestDispatcher(
            decoder: RequestDecoder(maximumLimit: config.limits.maxLimit), defaultOperator: config.defaultOperator,
            pool: pool, stats: stats, budget: budgetMs > 0 ? .milliseconds(budgetMs) : nil,
            indexPath: config.indexPath, writes: writes, logger: logger, subscriptions: subscriptions)
        return SocketServer(
            path: config.socket.path, mode: config.socket.mode, group: config.socket.group,
            policy: PeerPolicy(allowedUIDs: Set(config.socket.allowedUIDs), allowedGIDs: Set(config.socket.allowedGIDs)),
            maximumLineBytes: config.limits.maxRequestBytes, dispatcher: dispatcher, stats: stats, logger: logger,
            eventLoopGroup: eventLoopGroup)
    }

    /// An index path that names a file can never hold an index: it is a mistake to report, not
    /// an index to wait for (the folder that does not exist yet is waited for: built later).
    private func checkIndexPath() throws {
        guard IndexLayout(root: config.indexPath).isAFile else { return }
        throw DaemonStartupError(
            "the index path \(config.indexPath) is a file, not a folder: give --index (or index.path) the folder trawl-index writes")
    }

    /// Remote shards' timeouts must leave room in the time budget (checked when the index has them).
    private func checkShardTimeouts() throws {
        let stub = try? ShardStub.read(IndexLayout(root: config.indexPath).currentStub)
        guard stub?.endpoints.contains(where: \.isRemote) == true || !config.shardReplicas.isEmpty else { return }
        do {
            try config.shardTimeouts.check(budgetMs: config.limits.queryTimeBudgetMs)
        } catch {
            throw DaemonStartupError(error.message)
        }
    }

    /// Replicas of a shard the stub does not name serve nothing: a typo, refused at start (a later
    /// stub without those lines leaves them unused).
    private func checkShardReplicas() throws {
        guard let stub = try? ShardStub.read(IndexLayout(root: config.indexPath).currentStub) else { return }
        let unmatched = config.shardReplicas.unmatched(by: stub)
        guard !unmatched.isEmpty else { return }
        throw DaemonStartupError(
            "shards.replicas: " + unmatched.map(\.description).joined(separator: ", ")
                + " is no `remote HOST:PORT` line of the index's current stub; each entry starts with one")
    }

    /// SIGHUP forces every worker to open the index afresh, like the `reload` op.
    private static func reloadOnHangup(_ hangups: UnixSignalsSequence, _ pool: WorkerPool, logger: Logger) async {
        for await _ in hangups {
            logger.info("SIGHUP: reopening the index")
            pool.indexSwitched()
        }
    }

    private func logConfiguration() {
        logger.info(
            "trawld starting",
            metadata: [
                "version": "\(TrawlVersion.string)", "index": "\(config.indexPath)", "socket": "\(config.socket.path)",
                "workers": "\(config.workers)", "queue_size": "\(config.queueSize)",
                "max_request_bytes": "\(config.limits.maxRequestBytes)", "max_limit": "\(config.limits.maxLimit)",
                "query_time_budget_ms": "\(config.limits.queryTimeBudgetMs)", "stem_language": "\(config.stemLanguage)",
                "allowed_uids": "\(config.socket.allowedUIDs)", "allowed_gids": "\(config.socket.allowedGIDs)",
            ])
    }
}
