import Foundation
import Testing
@testable import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// Stories as the indexer assigns them (`StoryGrouper`): the five seeds are one story (return
/// hubs, 15 May 2025, five outlets), named after the earliest; through one database and three
/// shards, by a rebuild and by incremental runs; `collapse: "story"` and `story:ID`.
@Suite(.ownThreads) struct StoryGroupsTests {
    /// Every article's story, by id (nil: a story of its own).
    static func stories(in fixture: IndexFixture) throws -> [String: String?] {
        var everything = SearchQuery(text: "")
        everything.limit = 2000
        everything.snippet = false
        return Dictionary(uniqueKeysWithValues: try fixture.reader().search(everything).hits.map { ($0.id, $0.story) })
    }

    /// The earliest seed: the dated ones in date order come first (undated articles last).
    static let earliestSeed = "003_d31b54c3e87b35a3.txt"

    @Test(arguments: [1, 3]) func theSeedsAreOneStoryNamedAfterTheEarliest(shards: Int) throws {
        let fixture = try IndexFixture()
        try fixture.index(rebuild: true, shards: shards)
        let stories = try Self.stories(in: fixture)
        #expect(stories.count == Seeds.names.count)
        #expect(Set(stories.values) == [Self.earliestSeed], "\(stories)")
    }

    @Test func incrementalRunsJoinTheStoryAndARebuildGivesTheSame() throws {
        let fixture = try IndexFixture()
        let later = Seeds.names.filter { $0 != Self.earliestSeed && $0 != "004_942c03c566ac67b7.txt" }
        for name in later { try fixture.remove(name) }
        try fixture.index(rebuild: true)
        #expect(try Set(Self.stories(in: fixture).values) == [Self.earliestSeed])
        for name in later {
            try FileManager.default.copyItem(atPath: Seeds.directory.path + "/" + name, toPath: fixture.articles + "/" + name)
            try fixture.index()
        }
        let incremental = try Self.stories(in: fixture)
        #expect(incremental.count == Seeds.names.count && Set(incremental.values) == [Self.earliestSeed], "\(incremental)")
        try fixture.index(rebuild: true)
        #expect(try Self.stories(in: fixture) == incremental)
    }

    @Test func collapseStoryFoldsTheStoryAndStoryQueryListsIt() throws {
        let fixture = try IndexFixture()
        try fixture.index(rebuild: true)
        var query = SearchQuery(text: "\"return hubs\"")
        query.collapse = .story
        let hits = try fixture.reader().search(query).hits
        #expect(hits.count == 1 && hits.first?.duplicates == Seeds.names.count - 1 && hits.first?.story == Self.earliestSeed)
        #expect(Set(try fixture.ids("story:\(Self.earliestSeed)")) == Set(Seeds.names))
        #expect(try fixture.ids("story:000_a577873e2491d8f5.txt").isEmpty)  // not a story's id
    }

    /// The seeds and three wire copies of seed 004 (source Wire, 15-17 May 2025).
    static func seedsWithThreeWireCopies() throws -> IndexFixture {
        let fixture = try IndexFixture()
        let body = try String(contentsOf: Seeds.directory.appendingPathComponent("004_942c03c566ac67b7.txt"), encoding: .utf8)
        for n in 0..<3 {
            try fixture.write(article: [
                "id": "wire-\(n)", "title": "Return hubs \(n)", "body": body, "source": "Wire", "date": "2025-05-1\(5 + n)T10:00:00Z",
            ])
        }
        return fixture
    }

    /// With `collapse`, `total` counts groups (folded hits) and facets count articles (README).
    @Test func withCollapseTotalsCountGroupsAndFacetsCountArticles() throws {
        let fixture = try Self.seedsWithThreeWireCopies()
        try fixture.index(rebuild: true)
        for collapse in [Grouping.copies, .story] {
            var query = SearchQuery(text: "source:wire")
            query.facets = [.source]
            query.exactTotals = true
            query.collapse = collapse
            let result = try fixture.reader().search(query)
            #expect(result.hits.count == 1 && result.total.estimate == 1, "\(collapse): \(result.total)")
            #expect(result.facets["source"] == ["Wire": 3], "\(collapse)")
        }
    }

    /// A collapsed total is exact whatever the page holds, also none (`count`, `--limit 0`): Xapian's
    /// own bounds stay apart unless the page holds every group (`minister source:bbc` counted
    /// 21..50 stories for 21).
    @Test func collapsedTotalsAreExactWithoutHitsAndWithFilters() throws {
        let fixture = try Self.seedsWithThreeWireCopies()
        let unrelated = [
            "Leith harbour reopened after dredging, the port said, and the first ferry docked at dawn.",
            "A Tyne shipyard said it won an order for two research vessels from a Norwegian institute.",
            "Flooding closed the Wear valley railway for a week while engineers rebuilt an embankment, the operator said.",
            "Clyde bus drivers voted to accept a pay offer, ending a month of weekend strikes, their union said.",
            // Wire articles without the query's word: Xapian's upper bound counts them in.
            "Heavy snow is forecast for the Highlands from Friday night.",
            "The lighthouse at Duncansby Head marks two hundred years of service.",
        ]
        for (n, text) in unrelated.enumerated() {
            try fixture.write(article: [
                "id": "other-\(n)", "title": "Local news \(n)", "source": "Wire", "date": "201\(n)-02-01T10:00:00Z", "body": text,
            ])
        }
        try fixture.index(rebuild: true)
        // The wire copies fold into one group; the four others that say "said" are one each.
        let expected: [Grouping: Int] = [.copies: 5, .story: 5]
        for (collapse, groups) in expected {
            for (limit, exactTotals) in [(0, true), (0, false), (1, false), (1, true)] {
                var query = SearchQuery(text: "said source:wire")  // the seeds say it too
                query.limit = limit
                query.exactTotals = exactTotals
                query.collapse = collapse
                let total = try fixture.reader().search(query).total
                #expect(
                    total.lower == groups && total.upper == groups && total.estimate == groups,
                    "\(collapse), limit \(limit), exact \(exactTotals): \(total)")
            }
        }
    }

    /// The similarity of seed pairs (the share of the first's telling-term weight the second has;
    /// a pair's closeness is the mean of its two directions): 003 and 004, which share whole
    /// paragraphs of quotes, are the closest.
    @Test func seed003And004AreTheClosestPair() throws {
        let fixture = try IndexFixture()
        try fixture.index(rebuild: true)
        let similarity = try StoryMeasure(fixture: fixture).similarities()
        var report = ""
        for (pair, value) in similarity.sorted(by: { $0.key < $1.key }) { report += "\(pair): \(value)\n" }
        print("story similarity of the seeds (threshold \(StoryGrouper.threshold)):\n" + report)
        var closeness: [Set<String>: Double] = [:]
        for (pair, value) in similarity {
            let ids = pair.components(separatedBy: " ~ ")
            closeness[Set(ids), default: 0] += value / 2
        }
        let closest = closeness.max { $0.value < $1.value }?.key
        #expect(closest == ["003_d31b54c3e87b35a3.txt", "004_942c03c566ac67b7.txt"], "\(report)")
    }
}

/// Reads the story similarities the indexer saw, for the record and the tests.
struct StoryMeasure {
    let fixture: IndexFixture

    /// "a ~ b" -> the similarity of b to a's telling terms, for every pair a story query finds.
    func similarities(limit: Int = 50) throws -> [String: Double] {
        let generation = try #require(fixture.layout.currentGeneration())
        let folder = fixture.layout.generationDirectory(generation)
        let writer = try openArticleWriter(
            shards: IndexLayout.shardPaths(in: folder), lexicon: IndexLayout.lexiconPath(in: folder), stemLanguage: "english")
        var out: [String: Double] = [:]
        for (id, _) in try StoryGroupsTests.stories(in: fixture) {
            guard let terms = try writer.storyTerms(id: id) else { continue }
            for candidate in try writer.storyCandidates(terms: terms, days: [], limit: limit, minSimilarity: 0) where candidate.id != id {
                out["\(id) ~ \(candidate.id)"] = candidate.similarity
            }
        }
        return out
    }
}
