import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import TrawlCore
import TrawlProtocol

extension SocketServer {
    /// Requests of one connection that may be worked on at once (answers still go out in order).
    var pipelineDepth: Int { max(4, 2 * dispatcher.pool.workerCount) }

    /// Serves one connection until the client closes it, a line is too long, or shutdown.
    ///
    /// Pipelined requests are worked on concurrently (up to `pipelineDepth`), each answer
    /// waiting for the one before it to be written, so answers keep request order.
    /// Errors end this connection only.
    func handle(_ channel: any Channel) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(channel.eventLoop)) { await serveConnection(channel) }
    }

    private func serveConnection(_ channel: any Channel) async {
        let connection: Accepted
        do {
            connection = try await frame(channel)
        } catch {
            logger.debug("connection closed before it could be served", metadata: ["error": "\(error)"])
            channel.close(promise: nil)
            return
        }
        stats.connectionOpened()
        defer { stats.connectionClosed() }
        var logger = logger
        if let peer = connection.peer { logger[metadataKey: "peer"] = "\(peer)" }
        do {
            try await connection.channel.executeThenClose { inbound, outbound in
                guard policy.allows(connection.peer) else {
                    logger.warning("refused a peer not in socket.allowed_uids / allowed_gids")
                    let failure = ProtocolError(.forbidden, "this user is not allowed to use the trawld socket")
                    try await outbound.write(ByteBuffer(bytes: ResponseLine.failure(failure)))
                    try await closeAfterRefusal(inbound, outbound, channel: connection.channel.channel)
                    return
                }
                try await serve(inbound, outbound, channel: connection.channel.channel, peer: connection.peer, logger: logger)
            }
        } catch {
            logger.debug("connection ended with an error", metadata: ["error": "\(error)"])
        }
    }

    /// Serves requests, and beside them writes the connection's subscription events, until the
    /// input ends; its subscriptions end with it.
    private func serve(
        _ inbound: NIOAsyncChannelInboundStream<LineFrame>, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel, peer: PeerCredentials?, logger: Logger
    ) async throws {
        let outbox = dispatcher.subscriptions.makeOutbox()
        try await withThrowingTaskGroup(of: Void.self) { events in
            events.addTask { try await outbox.drain(into: outbound) }
            defer {
                dispatcher.subscriptions.removeAll(of: outbox)
                outbox.close()
            }
            try await serveRequests(inbound, outbound, channel: channel, peer: peer, outbox: outbox, logger: logger)
        }
    }

    private func serveRequests(
        _ inbound: NIOAsyncChannelInboundStream<LineFrame>, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel, peer: PeerCredentials?, outbox: EventOutbox, logger: Logger
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Graceful shutdown closes the input side: requests already read finish and are
            // answered. (Not `cancelOnGracefulShutdown()`: it merges streams through a task of its
            // own, a thread hop for every request.)
            try await withGracefulShutdownHandler {
                try await answer(inbound, outbound, channel: channel, peer: peer, outbox: outbox, logger: logger, in: &group)
            } onGracefulShutdown: {
                channel.close(mode: .input, promise: nil)
            }
            try await group.waitForAll()
        }
    }

    /// Reads requests until the input ends and starts answering each in `group`.
    private func answer(
        _ inbound: NIOAsyncChannelInboundStream<LineFrame>, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel, peer: PeerCredentials?, outbox: EventOutbox, logger: Logger,
        in group: inout ThrowingTaskGroup<Void, any Error>
    ) async throws {
        var previous = Turn.first
        var previousWrite = Turn.first
        var inFlight = 0
        for try await frame in inbound {
            if case .line(let line) = frame, Self.isBlank(line) { continue }
            if inFlight >= pipelineDepth {
                try await group.next()
                inFlight -= 1
            }
            let (mine, next) = (previous, Turn())
            previous = next
            let order = WriteOrder(after: previousWrite)
            previousWrite = order.settled
            inFlight += 1
            switch frame {
            case .line(let line):
                group.addTask {
                    let answer = await dispatcher.answer(
                        line, peer: peer, session: ConnectionSession(outbox: outbox, answered: next), order: order)
                    await mine.wait()
                    defer { next.open() }
                    try await outbound.write(ByteBuffer(bytes: answer))
                }
            case .tooLong:
                order.done()
                group.addTask {
                    await mine.wait()
                    defer { next.open() }
                    try await refuseTooLong(outbound, logger: logger)
                }
                // Stay in the loop (the decoder now drops all input) until the client closes
                // or the grace period ends, so the client's write completes and it reads the
                // error instead of a broken pipe.
                channel.eventLoop.scheduleTask(in: Self.closeGracePeriod) { channel.close(promise: nil) }
            }
        }
    }

    private func refuseTooLong(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, logger: Logger) async throws {
        stats.recordRequest(milliseconds: 0, failed: true)
        logger.debug("request line too long; closing the connection", metadata: ["limit": "\(maximumLineBytes)"])
        let failure = ProtocolError(
            .requestTooLarge, "the request line is longer than \(maximumLineBytes) bytes; the connection is closed")
        try await outbound.write(ByteBuffer(bytes: ResponseLine.failure(failure)))
        outbound.finish()  // half-close: the client sees the error line, then end of stream
    }

    /// How long a refused connection may keep sending before it is cut.
    static let closeGracePeriod = TimeAmount.seconds(2)

    /// Half-closes after a refusal, then drops what the peer sends until it closes (or the grace
    /// period ends). NOTE: closing with the peer's request still unread would make its kernel
    /// report a reset (ECONNRESET) rather than the end of the stream after the error line.
    private func closeAfterRefusal(
        _ inbound: NIOAsyncChannelInboundStream<LineFrame>, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel
    ) async throws {
        outbound.finish()
        channel.eventLoop.scheduleTask(in: Self.closeGracePeriod) { channel.close(promise: nil) }
        for try await _ in inbound {}
    }

    /// Blank lines (spaces and tabs only) are ignored, as the protocol says.
    static func isBlank(_ line: ByteBuffer) -> Bool {
        line.readableBytesView.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
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

    var isOpen: Bool { state.withLock { $0.open } }

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

/// Where a request stands among its connection's pipelined requests: requests are worked on
/// concurrently, but none starts before a `put` or `delete` sent before it is done, so that a
/// `get` or `search` pipelined after a `put` with `"wait": true` sees it (it did not).
final class WriteOrder: Sendable {
    /// Done when every write sent before this request is.
    private let after: Turn
    /// Done when this request and every write before it are (the next request's `after`).
    let settled = Turn()

    init(after: Turn) { self.after = after }

    /// Waits for the writes before; a read lets the requests after it start at once.
    func start(writing: Bool) async {
        if !after.isOpen { await after.wait() }  // (no suspension, and no hop, in the usual case)
        if !writing { settled.open() }
    }

    /// The request is answered (or was never run): the requests after it may start, once the
    /// writes before it are done (already, unless it never waited for them).
    func done() {
        if after.isOpen { return settled.open() }
        Task { [after, settled] in
            await after.wait()
            settled.open()
        }
    }
}
