import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Markdown articles: YAML front matter gives the fields, else the first `# heading` is the title;
/// light syntax is removed from the body.
@Suite(.ownThreads) struct ArticleMarkdownTests {
    private func parse(_ text: String, path: String = "posts/a.md") throws(ArticleParseError) -> Article {
        let articles = try ArticleParser().parse(Data(text.utf8), relativePath: path, format: .markdown)
        guard articles.count == 1, let article = articles.first else {
            throw ArticleParseError(reason: "expected one article, got \(articles.count)")
        }
        return article
    }

    /// Front matter written by site generators and feeds: an author mapping (`name:`), a list of
    /// them, Hugo's `publishDate` and `lastmod`, `headline`, `link` (an author mapping failed the
    /// whole file; `publishDate` was ignored and the article undated). An alias that cannot be read
    /// is a warning, and the article is kept.
    @Test func frontMatterOtherNamesAreRead() throws {
        let article = try parse("""
            ---
            headline: Harbour reopens
            author:
              name: Lee Park
            publishDate: 2025-09-02T08:00:00Z
            lastmod: 2025-09-03T10:00:00Z
            link: https://example.com/harbour
            publisher:
              name: City Paper
            ---
            The harbour reopened after repairs.
            """)
        #expect(article.title == "Harbour reopens" && article.byline == "Lee Park" && article.source == "City Paper")
        #expect(article.date == Seeds.utc("2025-09-02T08:00:00Z") && article.updated == Seeds.utc("2025-09-03T10:00:00Z"))
        #expect(article.url == "https://example.com/harbour")
        let people = try parse("---\nauthors:\n  - name: A B\n  - name: C D\n---\nText.\n")
        #expect(people.byline == "A B, C D")
        let parsed = try ArticleParser().read(Data("---\ntitle: T\npublishDate: soon\n---\nText.\n".utf8), relativePath: "w.md", format: .markdown)
        #expect(parsed.articles.first?.date == nil)
        #expect(parsed.warnings == [#"front matter: "publishDate" is not a date Trawl reads ("soon"), so it was not read as the article's date"#])
    }

    @Test func frontMatterFields() throws {
        let article = try parse("""
            ---
            id: story-42
            title: "Talks on \u{201C}return hubs\u{201D}"
            date: 2025-05-15 11:13
            updated: 2025-05-15T13:25:00Z
            url: https://www.example.com/news/42
            source: example
            authors:
              - Jane Doe
              - John Roe
            tags: [ignored]
            ---
            # A heading in the body

            Some *emphasis*, **strong** and `code`.
            """)
        #expect(article.id == "story-42")
        #expect(article.title == "Talks on \u{201C}return hubs\u{201D}")
        #expect(article.date == Seeds.utc("2025-05-15T11:13:00Z"))
        #expect(article.updated == Seeds.utc("2025-05-15T13:25:00Z"))
        #expect(article.url == "https://www.example.com/news/42")
        #expect(article.site == "example.com")
        #expect(article.source == "example")
        #expect(article.byline == "Jane Doe, John Roe")
        #expect(article.body == "A heading in the body\n\nSome emphasis, strong and code.")
    }

    @Test func withoutFrontMatterTheFirstHeadingIsTheTitle() throws {
        let article = try parse("""
            Intro line before the heading.

            # The Real Title

            A [linked text](https://example.com/x "t") and ![a chart](chart.png) here.
            > Quoted _words_ stay, snake_case stays, 2 * 3 stays.

            - first item
            1. numbered item

            ```swift
            let *x* = [1](2)
            ```
            ---
            [ref]: https://example.com/ref
            """)
        #expect(article.id == "posts/a.md")
        #expect(article.title == "The Real Title")
        #expect(article.body == """
            Intro line before the heading.

            A linked text and here.
            Quoted words stay, snake_case stays, 2 * 3 stays.

            first item
            numbered item

            let *x* = [1](2)
            """)
        #expect(article.date == nil && article.byline == nil && article.url == nil)
    }

    @Test func withoutHeadingTheFirstLineIsTheTitle() throws {
        let article = try parse("Plain first line\n\nBody text.")
        #expect(article.title == "Plain first line")
        #expect(article.body == "Body text.")
    }

    @Test func frontMatterAuthorString() throws {
        let article = try parse("---\ntitle: yes\nauthor: Jane Doe\n---\nBody.")
        #expect(article.title == "yes")
        #expect(article.byline == "Jane Doe")
        #expect(article.body == "Body.")
    }

    @Test func windowsLineEndings() throws {
        let article = try parse("---\r\ntitle: \"It\u{2019}s here\"\r\nsource: x\r\n---\r\n\r\nBody line.\r\n")
        #expect(article.title == "It\u{2019}s here")
        #expect(article.source == "x")
        #expect(article.body == "Body line.")
    }

    @Test func unclosedFrontMatterIsText() throws {
        let article = try parse("---\ntitle: Never closed\n\nBody.")
        #expect(article.title == nil)
        #expect(article.body == "title: Never closed\n\nBody.")
    }

    @Test func badFrontMatterIsAnError() {
        #expect(throws: ArticleParseError.self) { try parse("---\ntitle: [unclosed\n---\nBody.") }
        let notAMap = #expect(throws: ArticleParseError.self) { try parse("---\n- a\n- b\n---\nBody.") }
        #expect(notAMap?.reason.hasPrefix("front matter:") == true)
        let badDate = #expect(throws: ArticleParseError.self) { try parse("---\ndate: soon\n---\nBody.") }
        #expect(badDate?.reason.contains("\"date\" is not a date") == true)
    }
}
