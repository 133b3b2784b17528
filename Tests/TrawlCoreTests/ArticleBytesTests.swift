import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Files that are not UTF-8 text are refused with a reason saying what to fix; a UTF-8 BOM is skipped.
@Suite(.ownThreads) struct ArticleBytesTests {
    private func reason(_ bytes: [UInt8], format: ArticleFormat = .text) -> String? {
        do {
            _ = try ArticleParser().parse(Data(bytes), relativePath: "x", format: format)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func emptyFile() {
        for format in ArticleFormat.allCases {
            #expect(reason([], format: format) == "empty file")
        }
        #expect(reason([0xEF, 0xBB, 0xBF]) == "empty file")
    }

    @Test func nulBytesMeanBinary() {
        #expect(reason(Array("Title\nBody".utf8) + [0, 1, 2]) == "binary file (contains NUL bytes)")
    }

    @Test func invalidUTF8NamesTheByteOffset() {
        let latin1 = Array("Caf".utf8) + [0xE9] + Array(" au lait\n".utf8)
        #expect(reason(latin1) == "invalid UTF-8 at byte 3; convert the file to UTF-8")
        #expect(reason([0x41, 0xC0, 0x80]) == "invalid UTF-8 at byte 1; convert the file to UTF-8")   // overlong
        #expect(reason([0x41, 0x42, 0xED, 0xA0, 0x80]) == "invalid UTF-8 at byte 2; convert the file to UTF-8")
        #expect(reason([0x41, 0xE2, 0x80]) == "invalid UTF-8 at byte 1; convert the file to UTF-8")  // cut short
        #expect(reason([0xEF, 0xBB, 0xBF, 0x41, 0xFF]) == "invalid UTF-8 at byte 4; convert the file to UTF-8")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("Headline\nText with caf\u{E9} and \u{1F600}.".utf8))
        let article = try #require(try ArticleParser().parse(data, relativePath: "x.txt", format: .text).first)
        #expect(article.title == "Headline")
        #expect(article.body == "Text with caf\u{E9} and \u{1F600}.")
    }

    @Test func nothingLeftIsAnError() {
        #expect(reason(Array("  \n\n\t\n".utf8))?.hasPrefix("no article text") == true)
        #expect(reason(Array("Listen to this article\n1:30\n".utf8))?.hasPrefix("no article text") == true)
    }
}
