import NIOCore
import Testing

@testable import TrawlServer
import TrawlTestSupport

/// Lines are split at `\n` (a `\r` before it dropped); a line over the limit is reported as
/// soon as the limit is passed, without waiting for its end, and everything after it is dropped.
@Suite(.ownThreads) struct LineFrameDecoderTests {
    func frames(_ chunks: [String], limit: Int = 16) -> [LineFrame] {
        let decoder = LineFrameDecoder(maximumLength: limit)
        var buffer = ByteBuffer()
        var out: [LineFrame] = []
        for chunk in chunks {
            buffer.writeString(chunk)
            while let frame = decoder.nextFrame(&buffer) { out.append(frame) }
        }
        return out
    }

    func line(_ text: String) -> LineFrame { .line(ByteBuffer(string: text)) }

    @Test func splitsLinesAcrossChunks() {
        #expect(frames(["ab", "c\nde\r\n", "\nf"]) == [line("abc"), line("de"), line("")])
    }

    @Test func exactlyAtTheLimitIsAccepted() {
        #expect(frames([String(repeating: "x", count: 16) + "\n"]) == [line(String(repeating: "x", count: 16))])
    }

    @Test func overTheLimitWithoutNewlineIsReportedEarly() {
        #expect(frames(["ok\n", String(repeating: "x", count: 17)]) == [line("ok"), .tooLong])
    }

    @Test func nothingFollowsAnOverflow() {
        #expect(frames([String(repeating: "x", count: 20) + "\nnext\n", "more\n"]) == [.tooLong])
    }
}
