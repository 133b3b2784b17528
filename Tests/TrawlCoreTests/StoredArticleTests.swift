import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// The document data layout: every field survives a round trip, escapes included, and a hit's
/// header is read without its body.
@Suite(.ownThreads) struct StoredArticleTests {
    static let article = Article(
        id: "dir/ünï code.txt", title: "Tabs\tand\nnew lines \\ backslash \\n literal", body: "Body line 1\n\nBody\tline 2 \\n",
        url: "https://example.com/a?b=c", site: "example.com", source: "bbc", byline: "Zoë O'Brien",
        date: Date(timeIntervalSince1970: 1_747_307_580), updated: Date(timeIntervalSince1970: 1_747_315_500))

    @Test func roundTripKeepsEveryField() {
        let data = StoredArticle.encode(Self.article, path: "dir/ünï code.txt")
        #expect(StoredArticle.decode(data) == Self.article)
    }

    @Test func headerDecodingLeavesTheBodyOut() {
        var data = StoredArticle.encode(Self.article, path: nil)
        let header = data.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { StoredArticle.decodeHeader($0.baseAddress, $0.count) }
        }
        var expected = Self.article
        expected.body = ""
        #expect(header.article == expected)
        #expect(header.date == "2025-05-15T11:13:00Z")  // as stored, for the hit to pass through
    }

    /// The shim makes snippets from the bytes at the offset decodeHeader finds: exactly the body.
    @Test func bodyOffsetPointsAtTheBody() {
        for body in ["Body line 1\n\nBody 2", "\nstarts with a new line", "", "\n\n"] {
            var article = Self.article
            article.body = body
            #expect(bodyAt(StoredArticle.encode(article, path: "a.txt")) == body)
        }
        #expect(bodyAt("id\ta.txt\ntitle\tno empty line\n") == "")
        #expect(bodyAt("\nno header fields") == "no header fields")
        #expect(bodyAt("") == "")
    }

    private func bodyAt(_ data: String) -> String {
        var data = data
        return data.withUTF8 { bytes in
            let offset = bytes.withMemoryRebound(to: CChar.self) { StoredArticle.decodeHeader($0.baseAddress, $0.count).bodyOffset }
            return String(decoding: bytes[offset...], as: UTF8.self)
        }
    }

    @Test func unknownKeysAndMalformedLinesAreIgnored() {
        let data = "id\ta.txt\nfuture\tfield\nno tab here\ntitle\tT\n\nthe body"
        let decoded = StoredArticle.decode(data)
        #expect(decoded.id == "a.txt" && decoded.title == "T" && decoded.body == "the body" && decoded.url == nil)
        #expect(StoredArticle.decode("") == Article(id: "", title: nil, body: "", url: nil, site: nil, source: nil, byline: nil, date: nil))
    }
}
