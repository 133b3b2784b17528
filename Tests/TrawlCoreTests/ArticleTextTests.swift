import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Plain-text pages: the title is the first real line, metadata lines become fields and leave the body.
@Suite(.ownThreads) struct ArticleTextTests {
    private func parse(_ text: String, path: String = "a.txt") throws -> Article {
        let articles = try ArticleParser().parse(Data(text.utf8), relativePath: path, format: .text)
        return try #require(articles.count == 1 ? articles.first : nil)
    }

    /// A page that gives only when it was updated is dated by it: it was published by then, and
    /// left undated it was in no `date:` filter, histogram bar or date sort.
    @Test func anUpdatedDateAloneDatesTheArticle() throws {
        let article = try parse("""
            Harbour reopens
            Updated 14:05 GMT, Monday 3 March 2025
            The harbour reopened after repairs.
            """)
        #expect(article.date == Seeds.utc("2025-03-03T14:05:00Z"), "\(String(describing: article.date))")
        #expect(article.updated == Seeds.utc("2025-03-03T14:05:00Z"))
        let json = try ArticleParser().parse(
            Data(#"{"id": "j", "body": "Text.", "updated": "2025-03-04T08:00:00Z"}"#.utf8), relativePath: "j.json", format: .json)
        #expect(json.first?.date == Seeds.utc("2025-03-04T08:00:00Z"))
    }

    /// What scraped pages keep that is not the story: navigation lines (which became the title),
    /// a comments heading with its count, "You may also like", a copyright line, relative times.
    @Test func pageFurnitureSeenInScrapesIsLeftOut() throws {
        let article = try parse("""
            Skip to content
            Menu
            Harbour reopens after repairs
            2 hours ago
            The harbour reopened on Monday after three months of repairs.
            Fishermen returned the same day.
            Copyright 2025 The Associated Press. All rights reserved.
            Comments (3)
            Seagulls everywhere, says a reader.
            """)
        #expect(article.title == "Harbour reopens after repairs", "\(String(describing: article.title))")
        #expect(!article.body.contains("ago") && !article.body.contains("rights reserved") && !article.body.contains("Seagulls"), "\(article.body)")
        #expect(article.body.contains("Fishermen returned"))
        let liked = try parse("Title line\nThe story text.\nYou may also like\nAnother story\n")
        #expect(!liked.body.contains("Another story"), "\(liked.body)")
    }

    /// A byline keeps no leading "By", whichever field gave it (JSON-LD and feeds often keep it).
    @Test func bylinesLoseTheirBy() throws {
        let json = try ArticleParser().parse(
            Data(#"{"id": "b", "body": "Text.", "byline": "By Kate Hill, Political Editor"}"#.utf8), relativePath: "b.json", format: .json)
        #expect(json.first?.byline == "Kate Hill, Political Editor")
    }

    @Test func titleSkipsBlankAndMetadataLines() throws {
        let article = try parse("""

            This article is from the source 'guardian' and was first published or seen on 2025-05-15.
            You can find the current article at its original source at https://www.theguardian.com/uk/story
            The article has changed 3 times. There is an RSS feed of changes available.

            The Headline
            First paragraph.
            Second paragraph.
            """)
        #expect(article.id == "a.txt")
        #expect(article.title == "The Headline")
        #expect(article.source == "guardian")
        #expect(article.url == "https://www.theguardian.com/uk/story")
        #expect(article.site == "theguardian.com")
        #expect(article.body == "First paragraph.\n\nSecond paragraph.")
    }

    @Test func bareURLLineIsTheURL() throws {
        let article = try parse("Headline\nhttps://news.example.org/a/1\nText.")
        #expect(article.url == "https://news.example.org/a/1")
        #expect(article.site == "news.example.org")
        #expect(article.body == "Text.")
    }

    @Test func dateLineWithUpdate() throws {
        let article = try parse("Headline\n\n15 May 2025, 11:13 | Updated: 15 May 2025, 13:25\n\nText.")
        #expect(article.date == Seeds.utc("2025-05-15T11:13:00Z"))
        #expect(article.updated == Seeds.utc("2025-05-15T13:25:00Z"))
        #expect(article.body == "Text.")
    }

    @Test func labelledDateLines() throws {
        let article = try parse("Headline\nPublished: May 15, 2025\nLast updated: 2025-05-16T08:00:00+01:00\nText.")
        #expect(article.date == Seeds.utc("2025-05-15T00:00:00Z"))
        #expect(article.updated == Seeds.utc("2025-05-16T07:00:00Z"))
        #expect(article.body == "Text.")
    }

    @Test func dateInsideASentenceIsNotTheDate() throws {
        let article = try parse("Headline\nThe summit on 15 May 2025 ended early.\nText.")
        #expect(article.date == nil && article.updated == nil)
        #expect(article.body.hasPrefix("The summit on 15 May 2025 ended early."))
    }

    @Test func invalidDateLineStaysText() throws {
        let article = try parse("Headline\n2025-13-45\nText.")
        #expect(article.date == nil)
        #expect(article.body == "2025-13-45\n\nText.")
    }

    @Test func bylineLineBecomesByline() throws {
        let article = try parse("Headline\nBy Danielle de Wolfe\nBy removing them, the plan changes.")
        #expect(article.byline == "Danielle de Wolfe")
        #expect(article.body == "By removing them, the plan changes.")
    }

    @Test func sentenceStartingWithByIsNotAByline() throws {
        let article = try parse("Headline\nBy Monday the talks had stalled completely\nText.")
        #expect(article.byline == nil)
        #expect(article.body.hasPrefix("By Monday the talks"))
    }

    @Test func byLineAboveTheTitleIsTheTitle() throws {
        let article = try parse("By Royal Appointment\nBy Jane Doe\nText.")
        #expect(article.title == "By Royal Appointment")
        #expect(article.byline == "Jane Doe")
    }

    @Test func missingFieldsAreNilNotEmpty() throws {
        let article = try parse("Only a title")
        #expect(article.title == "Only a title")
        #expect(article.body == "")
        #expect(article.url == nil && article.site == nil && article.source == nil && article.byline == nil)
    }

    @Test func titleAndBylineKeepTheirQuotesAndLoseOddSpaces() throws {
        let article = try parse("Country\u{2019}s \u{201C}plan\u{201D}\u{00A0}\r\nBy Jane O\u{2019}Neill\r\nText.\r\n")
        #expect(article.title == "Country\u{2019}s \u{201C}plan\u{201D}")
        #expect(article.byline == "Jane O\u{2019}Neill")
        #expect(article.body == "Text.")
    }

    @Test func versionTableKeepsTheNewestColumn() throws {
        let article = try parse("""
            Version 1 | Version 2 | Version 3 |
            ---|---|---|
            Old title | Old title | New title |
            | (5 minutes later) | (2 hours later) |
            Kept everywhere. | Kept everywhere. | Kept everywhere. |
            Dropped later. | Dropped later. | |
            | | Added last. |
            Score 2|1 at half time. | Score 2|1 at half time. | Score 3|1 at full time. |
            """)
        #expect(article.title == "New title")
        #expect(article.body == "Kept everywhere.\n\nAdded last.\n\nScore 3|1 at full time.")
    }
}
