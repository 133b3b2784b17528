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

    /// Pages use `<article>` for teaser cards, comments and live-blog posts too: the longest of
    /// them was taken for the page, and the story around them was lost ("porthleven" found nothing).
    @Test func articlesThatAreNotTheStoryDoNotHideIt() throws {
        let story = "<p>A section of the harbour wall at Porthleven collapsed in the storm overnight.</p>"
            + "<p>The council said repairs would take months and the harbour is closed.</p>"
            + "<p>Fishermen moved their boats to Newlyn while engineers assess the damage.</p>"
        let cards = try parse("""
            <html><body><main><h1>Harbour wall collapses</h1><div class="story-body">\(story)</div>
            <section class="more"><article class="card"><h3>Council tax to rise</h3><p>Bills go up by five percent.</p></article>
            <article class="card"><h3>New ferry route</h3><p>Sailings start in May.</p></article></section></main></body></html>
            """)
        #expect(cards.body.contains("Porthleven") && cards.body.contains("Newlyn"), "\(cards.body)")
        let comment = try parse("""
            <html><body><h1>Harbour wall collapses</h1><div class="post">\(story)</div>
            <article class="comment"><p>Seagulls everywhere, says a reader.</p></article></body></html>
            """)
        #expect(comment.body.contains("Porthleven"), "\(comment.body)")
        let live = try parse("""
            <html><body><main><h1>Election live</h1>
            <article class="post"><p>09:00 Polls open across the country with long queues reported in the north.</p></article>
            <article class="post"><p>12:00 Turnout at midday is higher than at the last election, officials say.</p></article>
            <article class="post"><p>15:00 Counting staff are ready; first results are expected after midnight.</p></article>
            </main></body></html>
            """)
        #expect(live.body.contains("Polls open") && live.body.contains("Turnout at midday") && live.body.contains("first results"))
        // The story's own <article> (with the <h1>) is still read alone, without the cards beside it.
        let own = try parse("""
            <html><body><main><article><h1>Harbour wall collapses</h1>\(story)</article>
            <article class="card"><h3>Council tax to rise</h3><p>Bills go up by five percent.</p></article></main></body></html>
            """)
        #expect(own.body.contains("Porthleven") && !own.body.contains("Council tax"), "\(own.body)")
    }

    /// A page that leaves its text to a script still has JSON-LD's `articleBody`; an article nested
    /// as a page's `mainEntity` is read like one at the top.
    @Test func jsonLDArticleBodyAndMainEntityAreRead() throws {
        let page = try parse("""
            <html><head><script type="application/ld+json">
            {"@type": "WebPage", "mainEntity": {"@type": "NewsArticle", "headline": "Pangolins return",
             "datePublished": "2025-05-15T11:13:00Z", "author": {"name": "Lee Park"},
             "articleBody": "Pangolins were seen again in the reserve. Rangers counted six."}}
            </script></head><body><div id="root"></div></body></html>
            """)
        #expect(page.title == "Pangolins return" && page.byline == "Lee Park")
        #expect(page.date == Seeds.utc("2025-05-15T11:13:00Z"))
        #expect(page.body.contains("Rangers counted six"), "\(page.body)")
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
