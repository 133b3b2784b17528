import Foundation
import Testing
import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// Copies groups as the indexer assigns them (`CopyGrouper`): the labelled set (`CopyTestSet`)
/// indexed as articles, each edit dated after its original, so that every group is named after
/// its original; through one database and three shards, by a rebuild and by incremental runs.
@Suite(.ownThreads) struct CopyGroupsTests {
    static func id(_ text: CopyTestSet.Text) -> String { text.name.replacingOccurrences(of: "/", with: "-") }

    /// Writes the set's texts (or those `keep` selects) as JSON articles: the n-th edit of an
    /// original n hours after it.
    static func write(_ set: CopyTestSet, into fixture: IndexFixture, keep: (CopyTestSet.Text) -> Bool = { _ in true }) throws {
        var hour: [String: Int] = [:]
        for text in set.texts {
            let n = hour[text.origin, default: 0]
            hour[text.origin] = n + 1
            guard keep(text) else { continue }
            try fixture.write(article: [
                "id": id(text), "title": "Return hubs, version \(n)", "body": text.body, "source": "Wire",
                "date": String(format: "2025-05-15T%02d:00:00Z", n),
            ])
        }
    }

    /// Every article's copies group, by id (nil: no copies).
    static func groups(in fixture: IndexFixture) throws -> [String: String?] {
        var everything = SearchQuery(text: "")
        everything.limit = 200
        everything.snippet = false
        return Dictionary(uniqueKeysWithValues: try fixture.reader().search(everything).hits.map { ($0.id, $0.cluster) })
    }

    /// Precision and recall of the groups over the set's labelled pairs (same group = copies).
    static func measure(_ set: CopyTestSet, groups: [String: String?]) -> (precision: Double, recall: Double) {
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        for (a, b, isCopy) in set.pairs {
            let sameGroup = groups[id(a)].flatMap { $0 } != nil && groups[id(a)] == groups[id(b)]
            switch (isCopy, sameGroup) {
            case (true, true): truePositives += 1
            case (false, true): falsePositives += 1
            case (true, false): falseNegatives += 1
            default: break
            }
        }
        return (Double(truePositives) / Double(max(1, truePositives + falsePositives)),
                Double(truePositives) / Double(max(1, truePositives + falseNegatives)))
    }

    /// Each edit is in its original's group, named after the original (the earliest article; the
    /// short cut of a seed may be in the seed's own group, see `CopyTestSet`).
    static func expectNamedAfterOriginals(_ set: CopyTestSet, groups: [String: String?]) {
        for text in set.texts {
            let original = text.origin + "-original"
            #expect(groups[Self.id(text)] == groups[original], "\(text.name)")
            #expect(groups[original] == .some(original) || groups[original] == .some(text.seed + "-original"), "\(text.name)")
        }
    }

    @Test(arguments: [1, 3]) func aRebuildGroupsEveryCopyUnderItsOriginal(shards: Int) throws {
        let set = try CopyTestSet.make()
        let fixture = try IndexFixture(withSeeds: false)
        try Self.write(set, into: fixture)
        try fixture.index(rebuild: true, shards: shards)
        let groups = try Self.groups(in: fixture)
        let (precision, recall) = Self.measure(set, groups: groups)
        print("copies groups (rebuild, \(shards) shard(s)): precision \(precision), recall \(recall)")
        #expect(precision == 1.0)
        #expect(recall >= 0.95)
        Self.expectNamedAfterOriginals(set, groups: groups)
    }

    @Test func incrementalRunsJoinTheGroupsOfEarlierArticles() throws {
        let set = try CopyTestSet.make()
        let fixture = try IndexFixture(withSeeds: false)
        try Self.write(set, into: fixture) { $0.origin == $0.seed && $0.name.hasSuffix("/original") }
        try fixture.index(rebuild: true, shards: 3)
        #expect(try Self.groups(in: fixture).values.allSatisfy { $0 == nil })  // no copies yet
        try Self.write(set, into: fixture)
        try fixture.index()
        let groups = try Self.groups(in: fixture)
        let (precision, recall) = Self.measure(set, groups: groups)
        #expect(precision == 1.0 && recall >= 0.95)
        for text in set.texts {
            #expect(groups[Self.id(text)] == groups[text.origin + "-original"], "\(text.name)")
            // Groups already in the index keep their names; a new group (the short cuts, all new
            // in this run) is named after the earliest of its articles indexed so far.
            if text.origin == text.seed { #expect(groups[Self.id(text)] == .some(text.seed + "-original")) }
        }
    }

    @Test func collapseFoldsAGroupAndCopiesQueryListsIt() throws {
        let set = try CopyTestSet.make()
        let fixture = try IndexFixture(withSeeds: false)
        try Self.write(set, into: fixture) { $0.origin == "003" || $0.origin == "004" }
        try fixture.index(rebuild: true)
        let members = try fixture.ids("copies:003-original")
        #expect(Set(members) == Set(set.texts.filter { $0.origin == "003" }.map(Self.id)))
        var query = SearchQuery(text: "\"return hubs\"")
        query.collapse = .copies
        let hits = try fixture.reader().search(query).hits
        // 003 and 004 quote the same paragraphs but are two stories: two groups, two hits.
        #expect(hits.count == 2)
        #expect(Set(hits.compactMap(\.cluster)) == ["003-original", "004-original"])
        #expect(hits.allSatisfy { $0.duplicates == 7 })
    }
}
