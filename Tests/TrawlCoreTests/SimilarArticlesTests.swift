import Foundation
import Testing
import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// More like this (`SearchQuery.similarTo`): the five seeds are one story from five outlets, mixed
/// here with 240 unrelated articles; the most similar articles to a seed are the other seeds.
@Suite(.ownThreads) struct SimilarArticlesTests {
    let fixture: IndexFixture
    static let seed = "003_d31b54c3e87b35a3.txt"

    init() throws {
        fixture = try IndexFixture()
        try ShardedCorpus.write(into: fixture)
        // A verbatim copy of another seed under another id: a wire copy, folded with its original.
        let original = try String(contentsOfFile: fixture.articles + "/004_942c03c566ac67b7.txt", encoding: .utf8)
        try fixture.write("copy_of_004.txt", original)
        try fixture.index()
    }

    func similar(to id: String, _ configure: (inout SearchQuery) -> Void = { _ in }) throws -> [Hit] {
        var query = SearchQuery(text: "")
        query.similarTo = id
        query.collapse = .copies
        query.limit = 20
        configure(&query)
        return try fixture.reader().search(query).hits
    }

    @Test func theOtherSeedsComeFirstAndTheArticleItselfNever() throws {
        let hits = try similar(to: Self.seed)
        let otherSeeds: Set = ["000_a577873e2491d8f5.txt", "001_b053db553f314cb7.txt", "002_5f7415eda35cdc68.txt"]
        let top = Set(hits.prefix(4).map(\.id))
        #expect(top.isSuperset(of: otherSeeds), "\(hits.map(\.id))")
        // 004 and its copy are one hit.
        #expect(top.subtracting(otherSeeds).count == 1 && top.subtracting(otherSeeds).first.map { $0.contains("004") } == true)
        #expect(hits.prefix(4).contains { $0.duplicates == 1 })
        #expect(!hits.contains { $0.id == Self.seed })
    }

    @Test func theQueryAndFiltersSelectWithoutChangingTheOrder() throws {
        let all = try similar(to: Self.seed).map(\.id)
        let bbc = try similar(to: Self.seed) { $0.sources = ["bbc"] }.map(\.id)
        #expect(bbc == ["002_5f7415eda35cdc68.txt"])
        let albania = try similar(to: Self.seed) { $0.text = "albania" }.map(\.id)
        #expect(albania == all.filter { albania.contains($0) } && !albania.isEmpty)
        #expect(try similar(to: Self.seed) { $0.until = "2020-01-01" }.isEmpty)
    }

    /// The five seeds alone: each finds the other four, and 003 and 004 (which share whole
    /// paragraphs of quotes) find each other first.
    @Test func onTheSeedsAloneEachFindsTheOtherFour() throws {
        let seeds = try IndexFixture()
        try seeds.index()
        for seed in Seeds.names {
            var query = SearchQuery(text: "")
            query.similarTo = seed
            let found = try seeds.reader().search(query).hits.map(\.id)
            #expect(Set(found) == Set(Seeds.names).subtracting([seed]), "\(seed): \(found)")
        }
        var query = SearchQuery(text: "")
        query.similarTo = Self.seed
        #expect(try seeds.reader().search(query).hits.first?.id == "004_942c03c566ac67b7.txt")
    }

    @Test func anUnknownArticleIsNotFound() throws {
        #expect(throws: TrawlError.notFound(id: "nope.txt")) { try similar(to: "nope.txt") }
    }
}
