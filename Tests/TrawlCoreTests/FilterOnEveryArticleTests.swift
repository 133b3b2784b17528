import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// A filter that every article passes (one day, one source, one change bucket), on an index where an
/// article was deleted: Xapian 1.4.22 reads such a term through its all-documents list under the
/// term's name and throws DatabaseCorruptError past that list's first chunk, so `date:2025-05-12`
/// alone answered "index damaged" (term_query.h).
@Suite(.ownThreads) struct FilterOnEveryArticleTests {
    /// Enough for two chunks of the all-documents list, few enough for one change bucket (1,024).
    private static let articles = 1000

    private func fixture() throws -> IndexFixture {
        let fixture = try IndexFixture(withSeeds: false)
        for n in 0..<Self.articles {
            try fixture.write(article: [
                "id": "wire-\(n)", "title": "Harbour notice \(n)", "body": "The council met about item \(n).",
                "source": "Wire", "date": "2025-05-12T10:00:00Z",
            ])
        }
        try fixture.index()
        try fixture.remove("wire-7.json")
        try fixture.index()
        return fixture
    }

    @Test func filtersEveryArticlePassesFindEveryArticleLeft() throws {
        let fixture = try fixture()
        let left = Self.articles - 1
        for text in ["date:2025-05-12", "date:2025-05", "date:2025", "source:wire", "date:2025-05-12 source:wire"] {
            var query = SearchQuery(text: text)
            query.exactTotals = true
            query.limit = 5
            query.snippet = false
            let result = try fixture.reader().search(query)
            #expect(result.total.estimate == left, "\(text)")
        }
        var bySource = SearchQuery(text: "")
        bySource.sources = ["wire"]
        bySource.exactTotals = true
        #expect(try fixture.reader().search(bySource).total.estimate == left)
        // Every article is in the first change bucket: the range of all of them.
        let reader = try fixture.reader()
        var changed = SearchQuery(text: "")
        changed.limit = 2000
        changed.snippet = false
        changed.seqThrough = try reader.lastChange()
        #expect(try reader.changes(changed).count == left)
    }

    /// Two shards, one holding the filter's term in every article and one not (it has the one article
    /// of another source and day): Xapian matches shard by shard, each against its own counts, so the
    /// index-wide count did not see that the swap happens in the first shard. 20 deletions leave a
    /// gap in both shards but once in a million placings.
    @Test func filtersEveryArticleOfOneShardPassesFindEveryArticleLeft() throws {
        let fixture = try IndexFixture(withSeeds: false)
        let articles = 2600, deleted = 20
        for n in 0..<articles {
            try fixture.write(article: [
                "id": "wire-\(n)", "title": "Harbour notice \(n)", "body": "The council met about item \(n).",
                "source": "Wire", "date": "2025-05-12T10:00:00Z",
            ])
        }
        try fixture.write(article: [
            "id": "other", "title": "Ferry timetable", "body": "The council met about the ferry.", "source": "Other",
            "date": "2025-06-01T10:00:00Z",
        ])
        try fixture.index(rebuild: true, shards: 2)
        for n in 0..<deleted { try fixture.remove("wire-\(n * 97).json") }
        #expect(try fixture.index().deleted == deleted)
        let left = articles - deleted
        for text in ["date:2025-05-12", "source:wire", "date:2025-05-12 source:wire", "council source:wire"] {
            var query = SearchQuery(text: text)
            query.exactTotals = true
            query.limit = 5
            query.snippet = false
            #expect(try fixture.reader().search(query).total.estimate == left, "\(text)")
        }
        var bySource = SearchQuery(text: "")
        bySource.sources = ["wire"]
        bySource.exactTotals = true
        #expect(try fixture.reader().search(bySource).total.estimate == left)
    }

    /// The same read in a story lookup (coordinate matching over the article's telling words, within
    /// its days): a word every article holds, after a deletion, used to stop the incremental run.
    @Test func aStoryLookupOnWordsEveryArticleHoldsRunsAfterADeletion() throws {
        let fixture = try fixture()
        try fixture.write(article: [
            "id": "wire-new", "title": "Harbour notice", "body": "The council met about item 3.", "source": "Wire",
            "date": "2025-05-12T11:00:00Z",
        ])
        let summary = try fixture.index()
        #expect(summary.added == 1 && summary.failed == 0)
        var query = SearchQuery(text: "item 3")
        query.snippet = false
        let hit = try #require(try fixture.reader().search(query).hits.first { $0.id == "wire-new" })
        #expect(hit.story != nil, "the same words on the same day as the others: their story")
    }
}
