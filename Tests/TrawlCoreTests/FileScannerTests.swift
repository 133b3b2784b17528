import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// File names that are not UTF-8 cannot become article ids: an article file or a folder with such
/// a name is reported, shown with its bad bytes as `\xHH`; any other file is only skipped.
@Suite(.ownThreads) struct FileScannerTests {
    @Test func invalidBytesAreShownEscaped() {
        #expect(ArticleBytes.escapingInvalidUTF8(Array("caf".utf8) + [0xE9] + Array(".txt".utf8)) == #"caf\xE9.txt"#)
        #expect(ArticleBytes.escapingInvalidUTF8(Array("café".utf8)) == "café")
        #expect(ArticleBytes.escapingInvalidUTF8([0x41, 0xE2, 0x80]) == #"A\xE2\x80"#)  // cut short
        #expect(ArticleBytes.escapingInvalidUTF8([0xFF, 0xFE]) == #"\xFF\xFE"#)
    }

    @Test func undecodableNamesAreReportedNotMisread() throws {
        let folder = NSTemporaryDirectory() + "trawl-scan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "Title\n\nBody\n".write(toFile: folder + "/good.txt", atomically: false, encoding: .utf8)
        for (name, isFolder) in [("caf\u{E9}.txt", false), ("caf\u{E9}.csv", false), ("r\u{E9}sum\u{E9}s", true)] {
            let bytes = Array((folder + "/").utf8) + name.unicodeScalars.map { UInt8($0.value) } + [0]
            let made = bytes.withUnsafeBufferPointer { raw in
                raw.withMemoryRebound(to: CChar.self) { path in
                    isFolder ? mkdir(path.baseAddress!, 0o755) : close(open(path.baseAddress!, O_CREAT | O_WRONLY, 0o644))
                }
            }
            #expect(made == 0)
        }

        let scan = try FileScanner.scan(root: folder)
        #expect(scan.files.map(\.relativePath) == ["good.txt"])
        #expect(scan.skipped == [#"caf\xE9.csv"#])
        #expect(scan.problems.map(\.path).sorted() == [#"caf\xE9.txt"#, #"r\xE9sum\xE9s"#])
        #expect(scan.problems.allSatisfy { $0.reason.contains("not valid UTF-8") })
    }
}
