import NIOCore
import Synchronization

/// One connection's event lines on their way out: queued by the matcher (never blocking it), written
/// by the connection's own task as fast as the client reads. The queue is bounded by the backlog
/// (`limits.subscription_backlog_bytes`): an event that does not fit is refused, and the hub drops
/// the subscription. Beyond the queue, at most one write's lines sit in NIO and the socket buffers.
final class EventOutbox: Sendable {
    /// One event line, written only once `after` is open (the turn of its subscription's `subscribe`
    /// answer: no event before that answer).
    private struct Line {
        var bytes: [UInt8]
        var subscription: String
        var after: Turn
    }

    private struct State {
        var lines = CircularBuffer<Line>()
        var bytes = 0
        var closed = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    let backlogBytes: Int
    private let state = Mutex(State())

    init(backlogBytes: Int) { self.backlogBytes = backlogBytes }

    /// Queues a line unless the backlog would pass its limit; false when it would (nothing queued).
    func offer(_ bytes: [UInt8], subscription: String, after: Turn) -> Bool {
        enqueue(Line(bytes: bytes, subscription: subscription, after: after), force: false)
    }

    /// Queues a line whatever the backlog (the one error event that ends a subscription).
    func force(_ bytes: [UInt8], subscription: String, after: Turn) {
        _ = enqueue(Line(bytes: bytes, subscription: subscription, after: after), force: true)
    }

    /// Forgets the queued events of a subscription that ended (`unsubscribe`).
    func discard(subscription: String) {
        state.withLock { state in
            var kept = CircularBuffer<Line>()
            for line in state.lines where line.subscription != subscription { kept.append(line) }
            state.lines = kept
            state.bytes = kept.reduce(0) { $0 + $1.bytes.count }
        }
    }

    /// No more events: `drain` ends.
    func close() {
        let waiter = state.withLock { state in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    private func enqueue(_ line: Line, force: Bool) -> Bool {
        let (accepted, waiter) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            if state.closed { return (true, nil) }
            if !force, state.bytes + line.bytes.count > backlogBytes { return (false, nil) }
            state.lines.append(line)
            state.bytes += line.bytes.count
            defer { state.waiter = nil }
            return (true, state.waiter)
        }
        waiter?.resume()
        return accepted
    }

    /// Writes the queued lines to the connection until `close`; lines queued together go out in one write.
    func drain(into outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        while let (lines, gate) = await next() {
            await gate.wait()
            var buffer = ByteBuffer()
            for line in lines { buffer.writeBytes(line) }
            try await outbound.write(buffer)
        }
    }

    /// Lines to write (up to 64 KiB, all behind one gate), waiting for some; nil once closed.
    private func next() async -> ([[UInt8]], Turn)? {
        while true {
            let taken = state.withLock { state -> ([[UInt8]], Turn)?? in
                if state.closed { return .some(nil) }
                guard let first = state.lines.first else { return nil }
                var lines: [[UInt8]] = []
                var size = 0
                while let line = state.lines.first, line.after === first.after, size < 64 << 10 {
                    state.lines.removeFirst()
                    state.bytes -= line.bytes.count
                    size += line.bytes.count
                    lines.append(line.bytes)
                }
                return .some((lines, first.after))
            }
            if let taken { return taken }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state in
                    if state.closed || !state.lines.isEmpty { return true }
                    state.waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }
}
