import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// The work grouping does stays linear in the articles: an article whose earlier copies are found
/// joins their story without a story query of its own (`GroupingPass.lookUp`, `ArticleGrouping`).
/// A template repeated 1,000 times would otherwise cost a query over all the others per copy.
@Suite(.ownThreads) struct GroupingWorkTests {
    static let copies = 1_000

    /// One agency text of 300 words, the same for every copy.
    static let template: String = {
        var random = SplitMix64(seed: 15)
        let words = (0..<300).map { _ in "w" + String(random.next() % 5_000, radix: 36) }
        return words.joined(separator: " ")
    }()

    /// The n-th copy, in `wire/`: the template with its own last line, n minutes after the first
    /// (file order is date order).
    static func writeCopy(_ n: Int, into fixture: IndexFixture) throws {
        let id = String(format: "copy%04d", n)
        let date = Date(timeIntervalSince1970: 1_747_288_800 + Double(n) * 60)
        let fields = [
            "id": id, "title": "Agency story", "source": "Wire \(n % 7)",
            "body": template + "\n\nReprinted as copy number \(n).", "date": WireDate.format(date),
        ]
        let json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        try fixture.write("wire/\(id).json", String(decoding: json, as: UTF8.self))
    }

    /// Everything is one copies group and one story, named after the first copy.
    static func expectOneGroup(in fixture: IndexFixture) throws {
        var everything = SearchQuery(text: "")
        everything.limit = copies
        everything.snippet = false
        var story = SearchQuery(text: "story:copy0000")
        story.limit = copies
        story.snippet = false
        #expect(Set(try fixture.reader().search(everything).hits.map(\.cluster)) == ["copy0000"])
        #expect(try fixture.reader().search(story).hits.count == copies)
    }

    @Test func aRebuildQueriesStoriesForFewOfATemplatesCopies() throws {
        let fixture = try IndexFixture(withSeeds: false)
        for n in 0..<Self.copies { try Self.writeCopy(n, into: fixture) }
        try fixture.index(rebuild: true)
        try Self.expectOneGroup(in: fixture)
        // The rebuild's grouping pass again over the generation it built: the same lookups.
        let generation = try #require(fixture.layout.currentGeneration())
        let pass = try GenerationGrouping.run(
            at: fixture.layout.generationDirectory(generation), stemLanguage: "english",
            storyWindowDays: StoryGrouper.defaultWindowDays)
        print("grouping work: a rebuild of \(Self.copies) copies made \(pass.storyQueries) story queries")
        #expect(pass.storyQueries < Self.copies / 10)
    }

    @Test func anIncrementalBatchQueriesStoriesForFewOfATemplatesCopies() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try Self.writeCopy(0, into: fixture)
        try fixture.index(rebuild: true)
        for n in 1..<Self.copies { try Self.writeCopy(n, into: fixture) }
        let batch = LiveBatch(indexer: Indexer(options: IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)))
        let outcome = try batch.apply(["wire"])
        #expect(outcome.summary.added == Self.copies - 1, "\(outcome.summary)")
        try Self.expectOneGroup(in: fixture)
        print("grouping work: an incremental batch of \(Self.copies - 1) copies made \(outcome.storyQueries) story queries")
        #expect(outcome.storyQueries < Self.copies / 10)
    }
}
