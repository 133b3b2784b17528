import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TrawlCore
import UnixSignals
import TrawlProtocol

/// The daemon as one `Service`: event loops that serve light requests with readers of their own,
/// reader workers for heavy ones, the generation watcher, SIGHUP reloads, and the socket server.
/// Run it in a `ServiceGroup` with `gracefulShutdownSignals: [.sigterm, .sigint]` and
/// `successTerminationBehavior: .gracefullyShutdownGroup`; on graceful shutdown it stops
/// accepting, finishes requests in flight, closes the index, and returns.
public struct DaemonService: Service, CustomStringConvertible {
    /// The settings served with.
    public let config: TrawlConfig
    private let logger: Logger
    /// The caller's event loops; nil: the daemon's own, `config.workers` of them.
    private let eventLoopGroup: (any EventLoopGroup)?
    private let onReady: @Sendable (String) async -> Void

    /// - Parameters:
    ///   - onReady: called with the socket path once it accepts connections (tests wait on it).
    public init(
        config: TrawlConfig, logger: Logger,
        eventLoopGroup: (any EventLoopGroup)? = nil,
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
        let pool = WorkerPool(
            indexPath: config.indexPath, stemLanguage: config.stemLanguage, workers: config.workers,
            queueSize: config.queueSize, logger: logger)
        // As many loops as workers: each serves light requests with a reader of its own.
        let (loopGroup, ownLoops) = Self.loops(given: eventLoopGroup, count: pool.workerCount)
        let readers = IndexRouter(
            pool: pool,
            loops: LoopReaders(group: loopGroup, indexPath: config.indexPath, stemLanguage: config.stemLanguage, logger: logger))
        let watcher = GenerationWatcher(layout: IndexLayout(root: config.indexPath), readers: readers, logger: logger)
        let initial = watcher.signature()  // before the workers open, so no switch slips between
        if initial == nil { logger.warning("\(WorkerIndex.noIndexMessage(config.indexPath)); will serve it once built") }
        // Trapped before the socket is ready: a SIGHUP sent as soon as clients can connect
        // (a reload right after start) found no handler yet, and its default action killed trawld.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        pool.start()
        readers.loops.start()
        do {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { await watcher.run(from: initial) }
                group.addTask { await Self.reloadOnHangup(hangups, readers, logger: logger) }
                try await makeServer(readers: readers, loopGroup: loopGroup).run { [onReady, path = config.socket.path] in
                    await onReady(path)
                }
                group.cancelAll()  // the watcher and the signal loop
            }
        } catch {
            await Self.stop(readers, ownLoops)
            throw error
        }
        await Self.stop(readers, ownLoops)
        logger.info("trawld stopped")
    }

    /// The caller's loops, or `count` of the daemon's own (the second element: to stop at the end).
    private static func loops(given: (any EventLoopGroup)?, count: Int) -> (any EventLoopGroup, MultiThreadedEventLoopGroup?) {
        if let given { return (given, nil) }
        let own = MultiThreadedEventLoopGroup(numberOfThreads: count)
        return (own, own)
    }

    /// After the last answer: closes the loops' readers on their loops, lets the pool finish, and
    /// stops the daemon's own loops.
    private static func stop(_ readers: IndexRouter, _ ownLoops: MultiThreadedEventLoopGroup?) async {
        await readers.loops.close()
        await readers.pool.shutdown()
        try? await ownLoops?.shutdownGracefully()
    }

    private func makeServer(readers: IndexRouter, loopGroup: any EventLoopGroup) -> SocketServer {
        let budgetMs = config.limits.queryTimeBudgetMs
        let stats = ServerStats()
        let dispatcher = RequestDispatcher(
            decoder: RequestDecoder(maximumLimit: config.limits.maxLimit), defaultOperator: config.defaultOperator,
            readers: readers, stats: stats, budget: budgetMs > 0 ? .milliseconds(budgetMs) : nil,
            indexPath: config.indexPath, logger: logger)
        return SocketServer(
            path: config.socket.path, mode: config.socket.mode, group: config.socket.group,
            policy: PeerPolicy(allowedUIDs: Set(config.socket.allowedUIDs), allowedGIDs: Set(config.socket.allowedGIDs)),
            maximumLineBytes: config.limits.maxRequestBytes, dispatcher: dispatcher, stats: stats, logger: logger,
            eventLoopGroup: loopGroup)
    }

    /// SIGHUP forces every reader to open the index afresh, like the `reload` op.
    private static func reloadOnHangup(_ hangups: UnixSignalsSequence, _ readers: IndexRouter, logger: Logger) async {
        for await _ in hangups {
            logger.info("SIGHUP: reopening the index")
            readers.indexSwitched()
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
