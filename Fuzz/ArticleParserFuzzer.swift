// libFuzzer target: one file's bytes through the article parser in every format (text, Markdown
// with YAML front matter, HTML, JSON, JSONL). Fuzz/build compiles it together with
// Sources/TrawlCore/Article and Yams, in one module, so there is no `import TrawlCore`.
import Foundation

/// The parser may refuse any input, but must not trap or hang, and what it returns must keep
/// the invariants the indexer relies on (as Tests/TrawlCoreTests/ArticleFuzzTests.swift checks).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArticleParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let parser = ArticleParser()
    for format in ArticleFormat.allCases {
        guard let articles = try? parser.parse(bytes, relativePath: "fuzz", format: format) else { continue }
        for article in articles {
            precondition(article.title?.isEmpty != true && article.url?.isEmpty != true, "empty title or url kept")
            precondition(article.title != nil || !article.body.isEmpty, "an article with neither title nor body")
        }
    }
    return 0
}
