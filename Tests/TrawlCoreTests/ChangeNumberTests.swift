import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// The change counter (`trawl.seq`, slot 9, `XSEQ` terms; docs/SCHEMA.md "Change numbers"): every
/// indexed change takes the next number, unchanged articles keep theirs, also through a rebuild.
@Suite(.ownThreads) struct ChangeNumberTests {
    private func story(_ n: Int, _ words: String = "council meeting") -> String {
        "Story \(n)\n\n12 May 2025\n\nNotes of the \(words) in district \(n).\n"
    }

    private func fixture(stories: Int) throws -> IndexFixture {
        let fixture = try IndexFixture(withSeeds: false)
        for n in 0..<stories { try fixture.write("story-\(n).txt", story(n)) }
        return fixture
    }

    /// id -> change number of every article of the live generation, and its `trawl.seq`.
    private func numbers(_ fixture: IndexFixture) throws -> (seqs: [String: UInt64], last: UInt64) {
        let reader = try fixture.reader()
        let last = try reader.lastChange()
        var query = SearchQuery(text: "")
        query.limit = 1000
        query.snippet = false
        query.seqThrough = last
        let changes = try reader.changes(query)
        #expect(changes.map(\.seq) == changes.map(\.seq).sorted(), "in change order")
        return (Dictionary(uniqueKeysWithValues: changes.map { ($0.hit.id, $0.seq) }), last)
    }

    @Test(arguments: [1, 3]) func everyChangeTakesTheNextNumberAndUnchangedRerunsTakeNone(shards: Int) throws {
        let fixture = try fixture(stories: 5)
        try fixture.index(shards: shards)
        let first = try numbers(fixture)
        #expect(first.last == 5)
        #expect(Set(first.seqs.values) == Set(1...5))

        try fixture.index(shards: shards)
        #expect(try numbers(fixture) == first, "an unchanged run assigns nothing")

        try fixture.write("story-1.txt", story(1, "budget vote"))
        try fixture.write("story-9.txt", story(9))
        try fixture.remove("story-3.txt")
        try fixture.index(shards: shards)
        let second = try numbers(fixture)
        // Three changes: the deletion takes a number too, though nothing carries it.
        #expect(second.last == 8)
        #expect(second.seqs["story-3.txt"] == nil)
        // Vanished files go first (6), then the changed and new ones.
        #expect(Set([second.seqs["story-1.txt"], second.seqs["story-9.txt"]]) == [7, 8])
        for n in [0, 2, 4] { #expect(second.seqs["story-\(n).txt"] == first.seqs["story-\(n).txt"]) }
    }

    @Test(arguments: [1, 3]) func aRebuildKeepsTheNumbersOfUnchangedArticlesAndNumbersChangedOnesAfterTheOldMaximum(
        shards: Int
    ) throws {
        let fixture = try fixture(stories: 40)
        try fixture.index(shards: shards)
        try fixture.write("story-2.txt", story(2, "harbour works"))
        try fixture.index(shards: shards)
        let before = try numbers(fixture)
        #expect(before.last == 41)

        try fixture.write("story-7.txt", story(7, "school closure"))
        try fixture.write("story-50.txt", story(50))
        try fixture.index(rebuild: true, writers: 3, shards: shards)
        let after = try numbers(fixture)
        for (id, seq) in before.seqs where id != "story-7.txt" { #expect(after.seqs[id] == seq, "\(id) keeps its number") }
        #expect(Set([after.seqs["story-7.txt"], after.seqs["story-50.txt"]]) == [42, 43])
        #expect(after.last == 43)

        // The next incremental change counts on from there, and the range filter finds it alone.
        try fixture.write("story-51.txt", story(51))
        try fixture.index(shards: shards)
        var query = SearchQuery(text: "district")
        query.seqAfter = 43
        query.seqThrough = try fixture.reader().lastChange()
        #expect(try fixture.reader().changes(query).map(\.hit.id) == ["story-51.txt"])
        #expect(query.seqThrough == 44)
    }

    /// A feed renamed (its articles unchanged) moves its articles: they keep their change numbers,
    /// so alerts do not announce them again, and the run deletes and adds nothing (it said
    /// "added 4, deleted 4" and gave every article a new number). An article changed on the way is
    /// updated and takes a new number.
    @Test(arguments: [1, 3]) func aRenamedFeedKeepsItsArticlesNumbers(shards: Int) throws {
        let fixture = try fixture(stories: 2)
        let lines = (1...4).map { #"{"id": "feed-\#($0)", "title": "Feed \#($0)", "body": "Item \#($0) of the feed."}"# }
        try fixture.write("feed-a.jsonl", lines.joined(separator: "\n") + "\n")
        try fixture.index(shards: shards)
        let before = try numbers(fixture)

        try fixture.remove("feed-a.jsonl")
        var renamed = lines
        renamed[3] = #"{"id": "feed-4", "title": "Feed 4", "body": "Item 4, corrected."}"#
        try fixture.write("feed-b.jsonl", renamed.joined(separator: "\n") + "\n")
        let summary = try fixture.index(shards: shards)
        #expect(summary.added == 0 && summary.deleted == 0 && summary.updated == 1, "\(summary)")
        #expect(summary.unchanged == 5, "\(summary)")
        let after = try numbers(fixture)
        for n in 1...3 { #expect(after.seqs["feed-\(n)"] == before.seqs["feed-\(n)"], "feed-\(n)") }
        #expect(after.seqs["feed-4"].map { $0 > before.last } == true, "a changed article takes a new number")
    }

    @Test func documentsCarryABucketTermPerThousandAndTwentyFourNumbers() throws {
        let fixture = try fixture(stories: 3)
        try fixture.index()
        let reader = try fixture.reader()
        #expect(try reader.termFrequency(prefix: "XSEQ", key: "0") == 3)
        #expect(try reader.metadata(MetadataKey.seq) == "3")
    }
}
