import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// Articles are stored as published and indexed normalised; news pages' date lines, share bars
/// and newsletter prompts, and unclosed front matter are read the way a reader would.
@Suite(.ownThreads) struct ArticlePublishedFormTests {
    private func parse(_ text: String, _ format: ArticleFormat, path: String = "a.txt") throws -> Article {
        try #require(try ArticleParser().parse(Data(text.utf8), relativePath: path, format: format).first)
    }

    @Test func storedTextKeepsQuotesDashesAndAccentsAsWritten() throws {
        let text = "Canada\u{2019}s \u{201C}caf\u{E9}\u{201D} plan \u{2014} a \u{FB01}rst\n\nShe said \u{2018}no\u{2019} \u{2013} twice.\n"
        let article = try parse(text, .text)
        #expect(article.title == "Canada\u{2019}s \u{201C}caf\u{E9}\u{201D} plan \u{2014} a \u{FB01}rst")
        #expect(article.body == "She said \u{2018}no\u{2019} \u{2013} twice.")
        let json = try parse(#"{"title": "Canada\#u{2019}s plan", "byline": "Se\#u{E1}n O\#u{2019}Brien", "body": "It\#u{2019}s \#u{201C}done\#u{201D}."}"#,
                             .json, path: "a.json")
        #expect(json.title == "Canada\u{2019}s plan" && json.byline == "Se\u{E1}n O\u{2019}Brien")
        #expect(json.body == "It\u{2019}s \u{201C}done\u{201D}.")
    }

    @Test func indexSeesTheNormalisedTextGetAndSnippetsTheWrittenText() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("c.txt", "Canada\u{2019}s \u{FB01}sheries plan\n\nCanada\u{2019}s \u{201C}new\u{201D} rules for the \u{FB01}shing fleet.\n")
        try fixture.index()
        let article = try fixture.reader().article(id: "c.txt")
        #expect(article.body == "Canada\u{2019}s \u{201C}new\u{201D} rules for the \u{FB01}shing fleet.")
        #expect(article.title == "Canada\u{2019}s \u{FB01}sheries plan")
        // Both spellings of the apostrophe find it; the ligature is indexed as "fi".
        #expect(try fixture.ids("canada's") == ["c.txt"])
        #expect(try fixture.ids("canada\u{2019}s") == ["c.txt"])
        #expect(try fixture.ids("\"canada's new rules\"") == ["c.txt"])
        #expect(try fixture.ids("fisheries") == ["c.txt"])
        // Xapian's tokenizer reads "Canada’s" in the stored body as one word and marks it whole.
        var query = SearchQuery(text: "canada's rules")
        query.highlightPre = "["
        query.highlightPost = "]"
        let hit = try #require(try fixture.reader().search(query).hits.first)
        #expect(hit.snippet?.contains("[Canada\u{2019}s]") == true, "\(hit.snippet ?? "")")
        #expect(hit.snippet?.contains("[rules]") == true)
    }

    @Test(arguments: [
        ("Thu 3 Apr 2025 08.12 BST", "2025-04-03T07:12:00Z"),
        ("Updated 14:05 GMT, Monday 3 March 2025", "2025-03-03T14:05:00Z"),
        ("Published: 3 April 2025", "2025-04-03T00:00:00Z"),
        ("April 3, 2025 8:12 AM ET", "2025-04-03T12:12:00Z"),
        ("January 9, 2025 8:12 PM ET", "2025-01-10T01:12:00Z"),
        ("3 April 2025 8:12 PT", "2025-04-03T15:12:00Z"),
        ("9 April 2025, 10.30pm EDT", "2025-04-10T02:30:00Z"),
        ("Thursday 3 April 2025 12.05am", "2025-04-03T00:05:00Z"),
    ])
    func bigOutletDateLines(text: String, iso: String) throws {
        let expected = try #require(ISO8601DateFormatter().date(from: iso))
        #expect(NewsDateParser.parse(text) == expected)
        // Above the headline, on a scraped page or in HTML text, the line is a date, never the title.
        let page = try parse("\(text)\nThe real headline\n\nBody text of the story.\n", .text)
        #expect(page.title == "The real headline")
        #expect((text.hasPrefix("Updated") ? page.updated : page.date) == expected)
        let html = try parse("<html><body><p>\(text)</p><h2>The real headline</h2><p>Body text.</p></body></html>",
                             .html, path: "a.html")
        #expect(html.title == "The real headline")
        #expect((text.hasPrefix("Updated") ? html.updated : html.date) == expected)
    }

    @Test(arguments: ["08.123", "3.5", "Thu 3 Apr 2025 8.1 BST", "April 3, 2025 8:12 AM ET EDT", "3 April 2025 10.30pmpm",
                      "3 April 2025 13.30pm"])
    func notDates(text: String) {
        #expect(NewsDateParser.parse(text) == nil)
    }

    @Test func shareBarsAndNewsletterPromptsAreDropped() throws {
        let text = """
            Title
            Shares in the company rose 5% after it agreed to share data with regulators.
            Share this article
            Share
            Share on Facebook
            Share on X
            Share on WhatsApp
            Facebook Twitter WhatsApp Email
            Copy link
            Link copied to clipboard
            Sign up to our newsletter for the latest news
            Sign up for the First Edition newsletter, our free daily email
            Skip past newsletter promotion
            People who share a flat on X Street said the newsletter was late.
            Readers can sign up to our newsletter, the editor said, and many have.
            Kept last.
            """
        let body = try parse(text, .text).body
        #expect(body == """
            Shares in the company rose 5% after it agreed to share data with regulators.

            People who share a flat on X Street said the newsletter was late.

            Readers can sign up to our newsletter, the editor said, and many have.

            Kept last.
            """)
    }

    @Test func unclosedFrontMatterIsTextWithAWarningNotATitle() throws {
        let text = "---\ntitle: Never closed\nsource: bbc\n\nThe text about a pangolin.\n"
        let parsed = try ArticleParser().read(Data(text.utf8), relativePath: "open.md", format: .markdown)
        let article = try #require(parsed.articles.first)
        #expect(article.title == nil)
        #expect(article.body.contains("title: Never closed"))
        #expect(article.body.contains("pangolin"))
        #expect(parsed.warnings.count == 1)
        #expect(parsed.warnings.first?.contains("never closed") == true)
        // With a heading, that is the title.
        let headed = try ArticleParser().read(Data((text + "\n# The heading\n").utf8), relativePath: "h.md", format: .markdown)
        #expect(headed.articles.first?.title == "The heading")
        // A leading rule followed by text is not front matter: no warning, as before.
        let rule = try ArticleParser().read(Data("---\nA plain headline\n\nBody.\n".utf8), relativePath: "r.md", format: .markdown)
        #expect(rule.warnings.isEmpty && rule.articles.first?.title == "A plain headline")
    }
}
