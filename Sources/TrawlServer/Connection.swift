import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import TrawlCore
import TrawlProtocol

extension SocketServer {
    /// Requests of one connection that may be worked on at once (answers still go out in order).
    var pipelineDepth: Int { max(4, 2 * dispatcher.pool.workerCount) }

    /// Serves one connection until the client closes it, a line is too long, or shutdown; its
    /// subscriptions end with it. Requests are served by its `ConnectionHandler`, on its event
    /// loop; this task writes the subscription events beside them and waits for the close.
    func handle(_ channel: any Channel) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(channel.eventLoop)) { await serveConnection(channel) }
    }

    private func serveConnection(_ channel: any Channel) async {
        let outbox = dispatcher.subscriptions.makeOutbox()
        do {
            try await start(channel, outbox: outbox)
        } catch {
            logger.debug("connection closed before it could be served", metadata: ["error": "\(error)"])
            channel.close(promise: nil)
            return
        }
        stats.connectionOpened()
        defer { stats.connectionClosed() }
        await withTaskGroup(of: Void.self) { events in
            events.addTask { try? await outbox.drain { try await channel.writeAndFlush($0) } }
            // Graceful shutdown closes the input side: requests already read finish and are
            // answered. (Not `cancelOnGracefulShutdown()`: it merges streams through a task of its
            // own, a thread hop for every request.)
            await withGracefulShutdownHandler {
                try? await channel.closeFuture.get()
            } onGracefulShutdown: {
                channel.close(mode: .input, promise: nil)
            }
            dispatcher.subscriptions.removeAll(of: outbox)
            outbox.close()
        }
    }

    /// Reads the peer's credentials, puts the connection's handler in place (refusing a peer the
    /// policy does not allow), then starts reading.
    private func start(_ channel: any Channel, outbox: EventOutbox) async throws {
        try await channel.eventLoop.flatSubmit { [self] in
            PeerCredentials.of(channel).flatMapThrowing { peer in
                var logger = self.logger
                if let peer { logger[metadataKey: "peer"] = "\(peer)" }
                let handler = ConnectionHandler(
                    dispatcher: dispatcher, peer: peer, outbox: outbox, depth: pipelineDepth,
                    maximumLineBytes: maximumLineBytes, logger: logger)
                try channel.pipeline.syncOperations.addHandler(handler)
                if !policy.allows(peer) {
                    logger.warning("refused a peer not in socket.allowed_uids / allowed_gids")
                    handler.refuse(ProtocolError(.forbidden, "this user is not allowed to use the trawld socket"))
                }
                // Reading starts at the next selector wake-up.
                try channel.syncOptions?.setOption(.autoRead, value: true)
                // Hand on what arrived before the handler was in place (a request and its end of stream).
                try channel.pipeline.syncOperations.handler(type: InboundHold.self).release()
            }
        }.get()
    }
}

/// One answer's turn to be written: opened when the answer before it has been written.
final class Turn: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// The turn of a connection's first answer: already open.
    static var first: Turn {
        let turn = Turn()
        turn.open()
        return turn
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if isOpen { continuation.resume() }
        }
    }
}
