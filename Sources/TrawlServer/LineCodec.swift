import NIOCore

/// What the line decoder hands the connection: a request line, or notice that a line ran
/// over the limit (after which the decoder drops everything: the connection is closing).
public enum LineFrame: Sendable, Equatable {
    /// One line without its `\n` (and without a `\r` before it).
    case line(ByteBuffer)
    /// A line longer than the limit; nothing more will follow.
    case tooLong
}

/// Splits the byte stream at `\n`, with a hard maximum line length.
///
/// NOTE: swift-nio-extras' `LineBasedFrameDecoder` has no length limit, and
/// `ByteToMessageHandler(maximumBufferSize:)` fails the whole pipeline with an error
/// instead of letting us answer `request_too_large` in order after the lines before it.
/// This decoder reports an over-long line as soon as the limit is passed, without waiting
/// for its end, so a client cannot make the server buffer without bound.
public final class LineFrameDecoder: ByteToMessageDecoder {
    /// Lines, or the over-long notice.
    public typealias InboundOut = LineFrame

    private let maximumLength: Int
    /// Bytes at the front of the buffer already searched for `\n` (avoids rescanning: O(n) per line).
    private var scanned = 0
    private var overflowed = false

    /// - Parameter maximumLength: the longest line accepted, in bytes, not counting the `\n`.
    public init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    /// Emits every complete line in `buffer` (NIO calls again while this returns `.continue`).
    public func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = nextFrame(&buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return overflowed ? .needMoreData : .continue
    }

    /// At end of stream: the remaining lines, then a last line without `\n` if any.
    public func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        if let frame = nextFrame(&buffer) {
            context.fireChannelRead(Self.wrapInboundOut(frame))
            return overflowed ? .needMoreData : .continue
        }
        // A last request without its `\n` is still served.
        if !overflowed, buffer.readableBytes > 0, let rest = buffer.readSlice(length: buffer.readableBytes) {
            context.fireChannelRead(Self.wrapInboundOut(.line(Self.trimmingCR(rest))))
        }
        return .needMoreData
    }

    /// The next complete line or overflow notice, consuming it from `buffer`.
    func nextFrame(_ buffer: inout ByteBuffer) -> LineFrame? {
        if overflowed {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return nil
        }
        let view = buffer.readableBytesView
        let searchStart = view.index(view.startIndex, offsetBy: min(scanned, view.count))
        guard let newline = view[searchStart...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = view.count
            return view.count > maximumLength ? overflow(&buffer) : nil
        }
        let length = newline - view.startIndex
        guard length <= maximumLength else { return overflow(&buffer) }
        scanned = 0
        let line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        return .line(Self.trimmingCR(line))
    }

    private func overflow(_ buffer: inout ByteBuffer) -> LineFrame {
        overflowed = true
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .tooLong
    }

    private static func trimmingCR(_ line: ByteBuffer) -> ByteBuffer {
        guard line.readableBytesView.last == UInt8(ascii: "\r") else { return line }
        return line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)!
    }
}
