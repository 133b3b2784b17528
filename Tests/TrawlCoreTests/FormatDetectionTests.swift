import Testing
import TrawlCore
import TrawlTestSupport

/// The file extension, in any case, picks the article format; other files are not articles.
@Suite(.ownThreads) struct FormatDetectionTests {
    @Test(arguments: [
        ("a.txt", ArticleFormat.text), ("dir/b.TXT", .text), ("c.md", .markdown), ("c.Markdown", .markdown),
        ("d.html", .html), ("d.HTM", .html), ("e.json", .json), ("f.jsonl", .jsonLines), ("g.NDJSON", .jsonLines),
        ("news.2025/a.txt", .text),
    ])
    func knownExtensions(path: String, format: ArticleFormat) {
        #expect(ArticleFormat(path: path) == format)
    }

    @Test(arguments: ["README", "image.png", "notes.txt.bak", "dir.txt/file", "archive.tar.gz", "trailingdot.", ""])
    func otherFilesAreSkipped(path: String) {
        #expect(ArticleFormat(path: path) == nil)
    }
}
