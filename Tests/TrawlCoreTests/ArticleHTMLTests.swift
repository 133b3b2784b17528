import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// HTML pages: metadata from meta/link/time tags, text from `<article>`/`<main>`/`<body>` without
/// scripts, navigation and other page furniture, entities decoded.
@Suite(.ownThreads) struct ArticleHTMLTests {
    private func parse(_ html: String) throws(ArticleParseError) -> Article {
        let articles = try ArticleParser().parse(Data(html.utf8), relativePath: "p.html", format: .html)
        guard articles.count == 1, let article = articles.first else {
            throw ArticleParseError(reason: "expected one article")
        }
        return article
    }

    /// A typical news page: Open Graph metadata, scripts, navigation, entities and broken case.
    private static let openGraphHTML = """
        <!DOCTYPE html>
        <HTML><head>
        <title>Fallback title | Site</title>
        <meta property="og:title" content="Talks on &ldquo;return hubs&rdquo;">
        <meta property='og:site_name' content='BBC News'>
        <meta property=article:published_time content=2025-05-15T11:13:00+01:00>
        <meta property="article:modified_time" content="2025-05-15T13:25:00Z">
        <meta name="author" content="By Jane Doe">
        <link rel="canonical" href="https://www.bbc.co.uk/news/123">
        <script>var x = "<p>not text</p>";</script>
        <style>p { color: red }</style>
        </head>
        <body>
        <nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <header><h1>Talks on return hubs</h1></header>
        <article>
          <p>The UK&rsquo;s plan &amp; its &quot;hubs&quot;&nbsp;&mdash; explained&hellip;</p>
          <p>Second&#39;s para<br>with a break &#x2019; done.</p>
          <!-- <p>commented out</p> -->
          <div>Listen to this article</div>
          <aside>Related: other story</aside>
          <form><button>Subscribe</button></form>
          <P>Upper-case tag &lt;b&gt; text<![CDATA[ and cdata]]></P>
        </article>
        <footer>Copyright</footer>
        </body></HTML>
        """

    @Test func openGraphPage() throws {
        let article = try parse(Self.openGraphHTML)
        #expect(article.title == "Talks on \u{201C}return hubs\u{201D}")  // as written; the index sees it normalised
        #expect(article.source == "BBC News")
        #expect(article.url == "https://www.bbc.co.uk/news/123")
        #expect(article.site == "bbc.co.uk")
        #expect(article.byline == "Jane Doe")
        #expect(article.date == Seeds.utc("2025-05-15T10:13:00Z"))
        #expect(article.updated == Seeds.utc("2025-05-15T13:25:00Z"))
        #expect(article.body == """
            The UK\u{2019}s plan & its "hubs" \u{2014} explained\u{2026}

            Second's para

            with a break \u{2019} done.

            Upper-case tag <b> text and cdata
            """)
    }

    @Test func fallbacksTitleTimeAndMain() throws {
        let article = try parse("""
            <html><head><title>Page   title</title><meta name="date" content="May 15, 2025"></head>
            <body><div class=menu>Menu</div><main><h1>Heading</h1><p>Main text.</p>
            <time datetime="2024-01-01">old</time></main><p>Outside main.</p></body></html>
            """)
        #expect(article.title == "Page title")
        #expect(article.date == Seeds.utc("2025-05-15T00:00:00Z"))
        #expect(article.body == "Heading\n\nMain text.")  // a <time>'s text near the top is the date, not text
    }

    @Test func headingAndTimeWhenNoMeta() throws {
        let article = try parse("""
            <body><h1>Only &amp; heading</h1><time datetime='2025-05-15T11:13:00Z'>Thursday</time>
            <p>Body text here.</p>
            """)
        #expect(article.title == "Only & heading")
        #expect(article.date == Seeds.utc("2025-05-15T11:13:00Z"))
        #expect(article.body == "Body text here.")
        #expect(article.url == nil && article.source == nil && article.byline == nil)
    }

    @Test func longestArticleElementWins() throws {
        let article = try parse("""
            <article><p>Teaser.</p></article>
            <article><h2>Story</h2><p>The real story is longer than the teaser.</p></article>
            """)
        #expect(article.title == "Story")
        #expect(article.body == "The real story is longer than the teaser.")
    }

    @Test func tolerantOfBrokenMarkup() throws {
        let article = try parse("<p>Unclosed <b>bold <i>text a < b & c <3 <a href=x title='it''s'>link</a> <div")
        #expect(article.title == "Unclosed bold text a < b & c <3 link")
    }
}
