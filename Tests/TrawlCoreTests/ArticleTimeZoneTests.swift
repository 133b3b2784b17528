import Foundation
import Testing
import TrawlProtocol
@testable import TrawlCore
import TrawlTestSupport

/// `date:` filters and date facets use the day an article was published in its own time zone;
/// sorting uses the instant. A date without a zone is read in `indexing.timezone`.
@Suite(.ownThreads) struct ArticleTimeZoneTests {
    private func fixture(zone: String? = nil) throws -> (IndexFixture, IndexerOptions) {
        let fixture = try IndexFixture(withSeeds: false)
        var options = IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)
        if let zone { options.timeZone = try #require(TimeZone(identifier: zone)) }
        return (fixture, options)
    }

    @Test func filtersAndFacetsUseTheLocalDaySortingTheInstant() throws {
        let (fixture, options) = try fixture()
        try fixture.write("feed.jsonl", """
            {"id": "evening-ny", "body": "late vote in new york", "date": "2025-04-09T22:30:00-04:00"}
            {"id": "night-utc", "body": "late vote in london", "date": "2025-04-10T01:00:00Z"}
            {"id": "new-year-tokyo", "body": "late vote in tokyo", "date": "2025-01-01T08:00:00+09:00"}
            """)
        _ = try Indexer(options: options).run(rebuild: true)
        #expect(try fixture.ids("vote date:2025-04-09") == ["evening-ny"])
        #expect(try fixture.ids("vote date:2025-04-10") == ["night-utc"])
        #expect(try fixture.ids("vote date:2025-01-01") == ["new-year-tokyo"])
        #expect(try fixture.ids("vote date:2024").isEmpty)
        #expect(try fixture.ids("vote") { $0.since = "2025-04-10" } == ["night-utc"])
        var facets = SearchQuery(text: "vote")
        facets.facets = [.year, .month]
        let counts = try fixture.reader().search(facets).facets
        #expect(counts["year"] == ["2025": 3])
        #expect(counts["month"] == ["2025-01": 1, "2025-04": 2])
        // 22:30 in New York is 02:30 UTC on the 10th: later than 01:00 UTC.
        #expect(try fixture.ids("vote") { $0.sort = .newest } == ["evening-ny", "night-utc", "new-year-tokyo"])
        // The stored article keeps the instant and its zone's offset.
        let stored = try fixture.reader().article(id: "evening-ny")
        #expect(stored.date == ISO8601DateFormatter().date(from: "2025-04-10T02:30:00Z"))
        #expect(stored.dateOffset == -4 * 3600)
    }

    @Test func hitsAndGetShowTheLocalDayTheFilterUsedBesideTheUTCInstant() throws {
        let (fixture, options) = try fixture()
        try fixture.write("feed.jsonl", """
            {"id": "evening-ny", "body": "late vote in new york", "date": "2025-04-09T22:30-04:00"}
            {"id": "undated", "body": "a vote long ago"}
            """)
        _ = try Indexer(options: options).run(rebuild: true)
        let result = try fixture.reader().search(SearchQuery(text: "vote date:2025-04-09"))
        let hits = result.hits
        #expect(hits.map(\.id) == ["evening-ny"])
        #expect(hits.first?.day == "2025-04-09")
        #expect(hits.first?.date == "2025-04-10T02:30:00Z")
        let hit = String(decoding: ResponseLine.success(id: nil, SearchResponse(result: result, tookMs: 0, generation: 1)), as: UTF8.self)
        #expect(hit.contains(#""date":"2025-04-10T02:30:00Z""#) && hit.contains(#""day":"2025-04-09""#), "\(hit)")

        let stored = try fixture.reader().article(id: "evening-ny")
        let doc = String(decoding: ResponseLine.success(id: nil, GetResponse(doc: Document(stored), generation: 1)), as: UTF8.self)
        #expect(doc.contains(#""date":"2025-04-10T02:30:00Z""#) && doc.contains(#""day":"2025-04-09""#), "\(doc)")
        let undated = try fixture.reader().article(id: "undated")
        #expect(undated.publishedDay == nil)
        #expect(!String(decoding: ResponseLine.success(id: nil, GetResponse(doc: Document(undated), generation: 1)), as: UTF8.self)
            .contains(#""day""#))
    }

    @Test func aDateWithoutAZoneIsReadInTheConfiguredZone() throws {
        let text = #"{"id": "a", "body": "summer night", "date": "2025-07-01 00:30"}"#
        let london = try ArticleParser(timeZone: #require(TimeZone(identifier: "Europe/London")))
            .parse(Data(text.utf8), relativePath: "a.json", format: .json)
        #expect(london.first?.date == ISO8601DateFormatter().date(from: "2025-06-30T23:30:00Z"))
        #expect(london.first?.dateOffset == 3600)
        let utc = try ArticleParser().parse(Data(text.utf8), relativePath: "a.json", format: .json)
        #expect(utc.first?.date == ISO8601DateFormatter().date(from: "2025-07-01T00:30:00Z"))
        #expect(utc.first?.dateOffset == 0)
        // A named zone in the text wins over the configured one; BST is an hour east of UTC.
        let named = try ArticleParser(timeZone: #require(TimeZone(identifier: "America/New_York")))
            .parse(Data("Headline\n\nThu 3 Apr 2025 08.12 BST\n\nText.\n".utf8), relativePath: "a.txt", format: .text)
        #expect(named.first?.date == ISO8601DateFormatter().date(from: "2025-04-03T07:12:00Z"))
        #expect(named.first?.dateOffset == 3600)

        let (fixture, options) = try fixture(zone: "Europe/London")
        try fixture.write("a.json", text)
        _ = try Indexer(options: options).run(rebuild: true)
        #expect(try fixture.ids("summer date:2025-07-01") == ["a"])
        #expect(try fixture.ids("summer date:2025-06-30").isEmpty)
    }

    @Test func configTimeZoneIsValidatedAtStart() async throws {
        let folder = NSTemporaryDirectory() + "trawl-tz-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/trawl.yaml"
        try "indexing:\n  timezone: Europe/London\n".write(toFile: file, atomically: false, encoding: .utf8)
        let config = try await ConfigLoader.load(file: file, environment: [:])
        #expect(config.indexTimeZone.identifier == "Europe/London")
        let defaults = try await ConfigLoader.load(file: nil, environment: [:], workingDirectory: folder + "/none")
        #expect(defaults.indexTimeZone == TimeZone(identifier: "UTC") && defaults.indexTimeZone.secondsFromGMT() == 0)
        let fromEnvironment = try await ConfigLoader.load(file: file, environment: ["TRAWL_INDEXING_TIMEZONE": "Asia/Tokyo"])
        #expect(fromEnvironment.indexTimeZone.identifier == "Asia/Tokyo")

        for bad in ["Europe/Lodnon", "BST", "GMT+1"] {
            try "indexing:\n  timezone: \(bad)\n".write(toFile: file, atomically: false, encoding: .utf8)
            do {
                _ = try await ConfigLoader.load(file: file, environment: [:])
                Issue.record("\(bad) was accepted")
            } catch {
                #expect(error.description.contains("indexing.timezone"), "\(error)")
                #expect(error.description.contains("not a time zone"), "\(error)")
            }
        }
    }
}
