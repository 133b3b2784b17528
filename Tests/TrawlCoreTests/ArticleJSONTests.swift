import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// JSON and JSON Lines articles: known fields are read, ids default to the path (or `path#N`),
/// and a bad object fails the file with a reason naming the field and line.
@Suite(.ownThreads) struct ArticleJSONTests {
    private func parse(_ text: String, _ format: ArticleFormat, path: String = "feed/a.jsonl")
        throws(ArticleParseError) -> [Article]
    {
        try ArticleParser().parse(Data(text.utf8), relativePath: path, format: format)
    }

    private func failure(_ text: String, _ format: ArticleFormat) -> String? {
        do {
            _ = try parse(text, format)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func singleObject() throws {
        let articles = try parse("""
            {"title": "Country\u{2019}s plan", "body": "First.\\r\\n\\r\\n\\r\\nSecond\\nline.\\nRead more: elsewhere",
             "url": "https://www.example.com/a", "source": "example", "byline": "Jane Doe",
             "date": "15 May 2025, 11:13", "updated": "2025-05-15T13:25:00Z", "extra": [1, 2, {"x": null}]}
            """, .json, path: "one.json")
        let article = try #require(articles.first)
        #expect(articles.count == 1)
        #expect(article.id == "one.json")
        #expect(article.title == "Country\u{2019}s plan")
        #expect(article.body == "First.\n\nSecond\nline.")
        #expect(article.url == "https://www.example.com/a")
        #expect(article.site == "example.com")
        #expect(article.source == "example")
        #expect(article.byline == "Jane Doe")
        #expect(article.date == Seeds.utc("2025-05-15T11:13:00Z"))
        #expect(article.updated == Seeds.utc("2025-05-15T13:25:00Z"))
    }

    /// Feeds name the fields as schema.org does (or as feeds do): `headline`, `author`,
    /// `datePublished`, `link`... were dropped without a word, and the article lost its title,
    /// byline and date. They are read when Trawl's own key is absent; Trawl's key wins.
    @Test func schemaOrgAndFeedNamesAreRead() throws {
        let feed = try ArticleParser().read(Data(#"""
            {"id": "f-1", "headline": "Tram derails", "body": "Lisbon tram.", "published": "2026-11-02T10:00:00Z", "author": "Ana Silva", "link": "https://example.pt/tram"}
            {"id": "f-2", "headline": "Bridge", "articleBody": "Porto bridge.", "datePublished": "2026-11-03T09:00:00Z", "dateModified": "2026-11-03T12:00:00Z", "author": [{"@type": "Person", "name": "A B"}, {"name": "C D"}], "publisher": {"@type": "Organization", "name": "Público"}, "mainEntityOfPage": {"@id": "https://example.pt/bridge"}}
            {"id": "f-3", "title": "Own title", "headline": "Not this", "body": "Braga.", "date": "2026-11-04", "published": "2020-01-01", "byline": "Own Byline", "author": "Not This"}
            {"id": "f-4", "title": "Feed", "content_text": "Faro sun.", "date_published": "2026-11-05T08:00:00Z", "authors": ["E F"]}
            """#.utf8), relativePath: "feed.jsonl", format: .jsonLines)
        #expect(feed.problems.isEmpty && feed.warnings.isEmpty, "\(feed.problems) \(feed.warnings)")
        let byID = Dictionary(uniqueKeysWithValues: feed.articles.map { ($0.id, $0) })
        let first = try #require(byID["f-1"])
        #expect(first.title == "Tram derails" && first.byline == "Ana Silva" && first.url == "https://example.pt/tram")
        #expect(first.date == Seeds.utc("2026-11-02T10:00:00Z"))
        let second = try #require(byID["f-2"])
        #expect(second.body == "Porto bridge." && second.byline == "A B, C D" && second.source == "Público")
        #expect(second.url == "https://example.pt/bridge" && second.updated == Seeds.utc("2026-11-03T12:00:00Z"))
        let own = try #require(byID["f-3"])
        #expect(own.title == "Own title" && own.byline == "Own Byline" && own.date == Seeds.utc("2026-11-04T00:00:00Z"))
        let jsonFeed = try #require(byID["f-4"])
        #expect(jsonFeed.body == "Faro sun." && jsonFeed.byline == "E F" && jsonFeed.date == Seeds.utc("2026-11-05T08:00:00Z"))
    }

    /// An alias that cannot be read is passed over with one warning per file, and the articles are
    /// kept; a missing body names the key that may hold the text.
    @Test func unreadableAliasesWarnOnceAndKeepTheArticle() throws {
        let feed = try ArticleParser().read(Data(#"""
            {"id": "g-1", "title": "One", "body": "Text.", "datePublished": 1700000000}
            {"id": "g-2", "title": "Two", "body": "Text.", "datePublished": 1700000001}
            {"id": "g-3", "title": "Three", "content": "Faro sun."}
            """#.utf8), relativePath: "feed.jsonl", format: .jsonLines)
        #expect(feed.articles.map(\.id) == ["g-1", "g-2"])
        #expect(feed.articles.allSatisfy { $0.date == nil })
        #expect(feed.warnings == [#""datePublished" is not a date Trawl reads (a number), so it was not read as the article's date"#])
        #expect(feed.problems.first?.reason.contains(#"this one has "content""#) == true, "\(feed.problems)")
    }

    @Test func idFromJSONWins() throws {
        let articles = try parse(#"{"id": "abc", "body": "Text.", "title": null, "source": ""}"#, .json)
        #expect(articles.first?.id == "abc")
        #expect(articles.first?.title == nil)
        #expect(articles.first?.source == nil)
        #expect(try parse(#"{"id": 42, "body": "Text."}"#, .json).first?.id == "42")
    }

    @Test func topLevelArray() throws {
        let articles = try parse(#"[{"body": "One."}, {"id": "two", "body": "Two."}]"#, .json, path: "many.json")
        #expect(articles.map(\.id) == ["many.json#1", "two"])
        #expect(failure(#"[{"body": "One."}, 3]"#, .json) == "item 2: not a JSON object but a number")
        #expect(failure(#"[{"body": "One."}, {"title": "x"}]"#, .json)?.hasPrefix("item 2: missing \"body\"") == true)
        #expect(failure("[]", .json) == "the array holds no articles")
    }

    @Test func jsonLinesWithAndWithoutIds() throws {
        let text = #"{"body": "One."}"# + "\n\n   \n" + #"{"id": "x-2", "body": "Two.", "title": "T"}"# + "\r\n"
            + #"{"body": "Three."}"# + "\n"
        let articles = try parse(text, .jsonLines)
        #expect(articles.map(\.id) == ["feed/a.jsonl#1", "x-2", "feed/a.jsonl#5"])
        #expect(articles.map(\.body) == ["One.", "Two.", "Three."])
    }

    @Test func badLineIsNamedWithItsReason() {
        let notObject = failure("{\"body\": \"One.\"}\n[1, 2]\n", .jsonLines)
        #expect(notObject == "line 2: not a JSON object but an array")
        let syntax = failure("{\"body\": \"One.\"}\n{\"body\": \"Two.\"\n", .jsonLines)
        #expect(syntax == "line 2, column 16: not valid JSON (expected ',' or '}' in an object); check the syntax")
        #expect(failure("\n{\"title\": \"T\"}", .jsonLines)
            == "line 2: missing \"body\"; every article needs its text as a string in \"body\"")
        #expect(failure("{\"body\": 5}", .jsonLines) == "line 1: \"body\" must be a string, not a number")
        #expect(failure("{\"body\": \"x\", \"title\": [\"a\"]}", .jsonLines)
            == "line 1: \"title\" must be a string, not an array")
        #expect(failure("{\"body\": \"x\", \"date\": \"someday\"}", .jsonLines)
            == "line 1: \"date\" is not a date: \"someday\"; write it like 2025-05-15T11:13:00Z")
        #expect(failure("\n\n", .jsonLines)?.contains("no JSON objects") == true)
    }

    @Test func aBadLineOrItemCostsOnlyItself() throws {
        let lines = try ArticleParser().read(
            Data("{\"id\": \"a\", \"body\": \"One.\"}\n{\"id\": \"b\" \"body\": \"Two.\"}\n{\"id\": \"c\", \"body\": \"Three.\"}\n".utf8),
            relativePath: "f.jsonl", format: .jsonLines)
        #expect(lines.articles.map(\.id) == ["a", "c"])
        #expect(lines.problems.map(\.reason)
            == ["line 2, column 12: not valid JSON (expected ',' or '}' in an object); check the syntax"])
        let items = try ArticleParser().read(
            Data(#"[{"id": "a", "body": "One."}, {"id": "b"}, {"id": "c", "body": "Three."}]"#.utf8),
            relativePath: "f.json", format: .json)
        #expect(items.articles.map(\.id) == ["a", "c"])
        #expect(items.problems.map(\.reason) == ["item 2: missing \"body\"; every article needs its text as a string in \"body\""])
        // Nothing readable: the file fails as a whole (and keeps what an earlier run indexed from it).
        #expect(failure("{oops\n{\"title\": \"x\"}\n", .jsonLines)?.hasPrefix("line 1, column 2: not valid JSON") == true)
    }

    @Test func aFileWithManyBadLinesIsReportedInAReadableLine() throws {
        // A pretty-printed JSON document saved as .jsonl: every line is bad.
        let objects = (1...300).map { #"  {\#n    "id": "p\#($0)",\#n    "body": "Text."\#n  }"# }
        let pretty = "[\n" + objects.joined(separator: ",\n") + "\n]\n"
        let reason = try #require(failure(pretty, .jsonLines))
        #expect(reason.hasPrefix("no line is a JSON article (a .jsonl file holds one JSON object per line; "))
        #expect(reason.hasSuffix("; and \(pretty.split(separator: "\n").count - 10) more like these in this file"))
        #expect(reason.utf8.count < 2_000)
    }

    @Test func singleObjectErrors() {
        #expect(failure(#"{"title": "T"}"#, .json)
            == "missing \"body\"; every article needs its text as a string in \"body\"")
        #expect(failure("\"just a string\"", .json) == "not a JSON object or an array of objects")
        #expect(failure("{ nope", .json) == "line 1, column 3: not valid JSON (expected a member name in quotes); check the syntax")
        #expect(failure("{\"body\": \"x\",\n  \"title\": \"caf\u{E9}\" oops}", .json)
            == "line 2, column 19: not valid JSON (expected ',' or '}' in an object); check the syntax")
        #expect(failure(#"{"body": "   "}"#, .json)?.hasPrefix("no article text") == true)
        #expect(failure(#"{"body": "x", "id": true}"#, .json)
            == "\"id\" must be a string or a whole number, not a boolean")
    }
}
