import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// News pages describe themselves in schema.org JSON-LD; that beats `<meta>`/OpenGraph, which
/// stay the fallback. `<time datetime>` gives a date without its text opening the body.
@Suite(.ownThreads) struct ArticleJSONLDTests {
    private func parse(_ html: String) throws -> Article {
        try #require(try ArticleParser().parse(Data(html.utf8), relativePath: "p.html", format: .html).first)
    }

    private func page(_ jsonLD: String, meta: String = "") -> String {
        """
        <html><head><title>Page title</title>\(meta)
        <script type="application/ld+json">\(jsonLD)</script>
        <script>var x = {"headline": "not this"};</script></head>
        <body><article><h1>Visible heading</h1><p>The story text.</p></article></body></html>
        """
    }

    private static let meta = """
        <meta property="og:title" content="OpenGraph title"><meta property="og:site_name" content="OG Site">
        <meta name="author" content="Meta Author"><link rel="canonical" href="https://example.com/canonical">
        <meta property="article:published_time" content="2020-01-01T00:00:00Z">
        """

    @Test func newsArticleBeatsOpenGraph() throws {
        let article = try parse(page("""
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Canada\\u2019s &amp; LD headline",
             "datePublished": "2025-04-09T22:30:00-04:00", "dateModified": "2025-04-10T08:00:00Z",
             "author": [{"@type": "Person", "name": "Jane Doe"}, "John Roe"],
             "publisher": {"@type": "Organization", "name": "The Daily Example"},
             "mainEntityOfPage": {"@type": "WebPage", "@id": "https://www.example.com/news/1"}}
            """, meta: Self.meta))
        #expect(article.title == "Canada\u{2019}s & LD headline")
        #expect(article.date == Seeds.utc("2025-04-10T02:30:00Z"))
        #expect(article.updated == Seeds.utc("2025-04-10T08:00:00Z"))
        #expect(article.byline == "Jane Doe, John Roe")
        #expect(article.source == "The Daily Example")
        #expect(article.url == "https://www.example.com/news/1" && article.site == "example.com")
        #expect(article.body == "Visible heading\n\nThe story text.")
    }

    @Test(arguments: [
        #"{"@graph": [{"@type": "WebSite", "name": "Site"}, {"@type": ["ReportageNewsArticle", "Thing"], "headline": "In graph", "author": {"name": "Ann Lee"}, "url": "https://example.org/g"}]}"#,
        #"[{"@type": "BreadcrumbList"}, {"@type": "Article", "headline": "In graph", "author": {"name": "Ann Lee"}, "url": "https://example.org/g"}]"#,
        #"{"@type": "https://schema.org/NewsArticle", "headline": "In graph", "author": "Ann Lee", "mainEntityOfPage": "https://example.org/g"}"#,
    ])
    func articleFoundInGraphsListsAndTypeLists(jsonLD: String) throws {
        let article = try parse(page(jsonLD, meta: Self.meta))
        #expect(article.title == "In graph")
        #expect(article.byline == "Ann Lee")
        #expect(article.url == "https://example.org/g")
        // What JSON-LD does not give comes from the meta tags.
        #expect(article.source == "OG Site")
        #expect(article.date == Seeds.utc("2020-01-01T00:00:00Z"))
    }

    @Test(arguments: [
        #"{"@type": "WebPage", "headline": "Not an article"}"#,
        #"{"@type": "NewsArticle", "headline": "broken", "#,
        "",
    ])
    func otherOrBrokenJSONLDFallsBackToMeta(jsonLD: String) throws {
        let article = try parse(page(jsonLD, meta: Self.meta))
        #expect(article.title == "OpenGraph title")
        #expect(article.byline == "Meta Author")
        #expect(article.url == "https://example.com/canonical")
        #expect(!article.body.contains("headline"))
    }

    @Test func timeElementGivesTheDateAndItsTextDoesNotOpenTheBody() throws {
        let article = try parse("""
            <html><body><article><h1>Headline</h1>
            <p><time datetime="2025-04-03T08:12:00+01:00">Thursday 3 April 2025, 8.12am</time></p>
            <p>First paragraph, published <time datetime="2025-04-03">today</time> in print.</p>
            </article></body></html>
            """)
        #expect(article.title == "Headline")
        #expect(article.date == Seeds.utc("2025-04-03T07:12:00Z"))
        #expect(article.body == "First paragraph, published today in print.")
    }
}
