import Logging
import NIOCore
import TrawlProtocol

/// Serves one connection's requests on its event loop, with no task per request: a line is
/// decoded here, its index work goes to a worker thread as a job, and the answer comes back to
/// this loop to be written.
///
/// Promises kept:
/// - Answers go out in request order; up to `depth` requests are worked on at once.
/// - Backpressure: no reading while `depth` requests are open, and answers wait while the
///   channel is not writable, so a client that sends without reading stops being read.
/// - `request_too_large` (and `forbidden`, via `refuse`): the error line in its turn, then the
///   output is half-closed and the input dropped until the client closes or the grace period ends.
/// - End of input (the client half-closed, or shutdown closed our input): the open requests are
///   answered, then the connection closes.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = LineFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// One request's place in the answer order.
    private struct Slot {
        var answer: [UInt8]?
        /// Opened once the answer is written (a `subscribe`'s events wait for it).
        var turn: Turn?
        /// The connection's last answer: half-close after it.
        var isRefusal = false
    }

    private let dispatcher: RequestDispatcher
    private let peer: PeerCredentials?
    private let outbox: EventOutbox
    private let depth: Int
    private let maximumLineBytes: Int
    private let logger: Logger

    private var context: ChannelHandlerContext?
    /// Requests started and not yet written, oldest first; `slots[0]` is request number `written`.
    private var slots = CircularBuffer<Slot>()
    private var written = 0
    /// Frames read while `depth` requests were open.
    private var waiting = CircularBuffer<LineFrame>()
    private var readHeld = false
    private var inputEnded = false
    /// A refusal was queued: further input is dropped.
    private var refusing = false
    private var finishing = false
    private var pumping = false

    init(
        dispatcher: RequestDispatcher, peer: PeerCredentials?, outbox: EventOutbox, depth: Int, maximumLineBytes: Int,
        logger: Logger
    ) {
        self.dispatcher = dispatcher
        self.peer = peer
        self.outbox = outbox
        self.depth = depth
        self.maximumLineBytes = maximumLineBytes
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Answers `failure` and nothing else; the connection then closes (a peer not allowed).
    func refuse(_ failure: ProtocolError) {
        refusing = true
        slots.append(Slot(answer: ResponseLine.failure(failure), isRefusal: true))
        pump()
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refusing else { return }
        let frame = unwrapInboundIn(data)
        if case .line(let line) = frame, Self.isBlank(line) { return }
        if slots.count < depth, waiting.isEmpty {
            start(frame)
        } else {
            waiting.append(frame)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        pump()
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            inputEnded = true
            pump()
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Reads only while there is room for more requests.
    func read(context: ChannelHandlerContext) {
        if slots.count < depth, waiting.isEmpty {
            context.read()
        } else {
            readHeld = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        pump()
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Nothing more will be written: let any `subscribe`'s events go (to nowhere).
        for slot in slots { slot.turn?.open() }
        slots.removeAll()
        waiting.removeAll()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("connection ended with an error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    // MARK: Answering

    private func start(_ frame: LineFrame) {
        switch frame {
        case .line(let line):
            let number = written + slots.count
            slots.append(Slot())
            let loop = NIOLoopBound(self, eventLoop: context!.eventLoop)
            dispatcher.answer(line, peer: peer, session: { session(for: number) }) { answer in
                if loop.eventLoop.inEventLoop {
                    loop.value.answered(number, answer)
                } else {
                    loop.eventLoop.execute { loop.value.answered(number, answer) }
                }
            }
        case .tooLong:
            refusing = true
            waiting.removeAll()
            dispatcher.stats.recordRequest(milliseconds: 0, failed: true)
            logger.debug("request line too long; closing the connection", metadata: ["limit": "\(maximumLineBytes)"])
            let failure = ProtocolError(
                .requestTooLarge, "the request line is longer than \(maximumLineBytes) bytes; the connection is closed")
            slots.append(Slot(answer: ResponseLine.failure(failure), isRefusal: true))
        }
    }

    /// The session of request `number`: its turn opens when its answer is written.
    private func session(for number: Int) -> ConnectionSession {
        let turn = Turn()
        slots[offset: number - written].turn = turn
        return ConnectionSession(outbox: outbox, answered: turn)
    }

    private func answered(_ number: Int, _ answer: [UInt8]) {
        let index = number - written
        guard context != nil, index >= 0, index < slots.count else { return }  // closed meanwhile
        slots[offset: index].answer = answer
        pump()
    }

    /// Writes the answers that are next in order, starts waiting requests as room frees, and
    /// resumes reading or finishes the connection when it may.
    private func pump() {
        guard !pumping, let context else { return }
        pumping = true
        defer { pumping = false }
        var wrote = false
        var progress = true
        while progress {
            progress = false
            while context.channel.isWritable, let answer = slots.first?.answer {
                let slot = slots.removeFirst()
                written += 1
                wrote = true
                progress = true
                context.write(wrapOutboundOut(ByteBuffer(bytes: answer)), promise: nil)
                slot.turn?.open()
                if slot.isRefusal { halfCloseAfterWrites(context) }
            }
            while slots.count < depth, let frame = waiting.popFirst() {
                start(frame)
                progress = true
            }
        }
        if wrote { context.flush() }
        if readHeld, slots.count < depth, waiting.isEmpty {
            readHeld = false
            context.read()
        }
        if inputEnded, slots.isEmpty, waiting.isEmpty, !finishing {
            finishing = true
            let channel = context.channel
            afterWrites(context) { channel.close(promise: nil) }
        }
    }

    /// Runs `then` once everything written so far has reached the socket (a close drops what
    /// NIO still holds: an empty write completes after the writes before it).
    private func afterWrites(_ context: ChannelHandlerContext, then: @escaping @Sendable () -> Void) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer())).whenComplete { _ in then() }
    }

    /// After a refusal: the client sees the error line, then the end of the stream. The input is
    /// still read (and dropped) until the client closes or the grace period ends: closing with
    /// its request unread would make its kernel report a reset instead of the error line.
    private func halfCloseAfterWrites(_ context: ChannelHandlerContext) {
        let channel = context.channel
        afterWrites(context) { channel.close(mode: .output, promise: nil) }
        context.eventLoop.scheduleTask(in: Self.closeGracePeriod) { channel.close(promise: nil) }
    }

    /// How long a refused connection may keep sending before it is cut.
    static let closeGracePeriod = TimeAmount.seconds(2)

    /// Blank lines (spaces and tabs only) are ignored, as the protocol says.
    static func isBlank(_ line: ByteBuffer) -> Bool {
        line.readableBytesView.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}
