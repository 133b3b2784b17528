import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// `SwitchNumbering`, the rule for a rebuild's numbers at its switch (docs/SCHEMA.md, "Change
/// numbers"): an article numbered after the build-start counter takes the live number when the live
/// generation holds it identically, else a number after the live counter unless it has one; numbers
/// up to the build-start counter stay.
@Suite(.ownThreads) struct SwitchNumberingTests {
    private func story(_ n: Int) -> String { "Story \(n)\n\n12 May 2025\n\nNotes of the council meeting in district \(n).\n" }

    @Test(arguments: [1, 3]) func numbersGivenWithoutTheLockAreSetAgainstTheLiveGeneration(shards: Int) throws {
        let fixture = try IndexFixture(withSeeds: false)
        for n in 0..<3 { try fixture.write("old-\(n).txt", story(n)) }
        try fixture.index(rebuild: true, shards: shards)
        let layout = fixture.layout
        let rebuildLock = try WriterLock(path: layout.rebuildLockFile, purpose: "test: a rebuild")
        defer { withExtendedLifetime(rebuildLock) {} }
        let buildStart = LiveCopies.load(layout, stemLanguage: "english")
        let start = buildStart.last

        // The build: a copy of the live generation, then six new files numbered start+1...start+6.
        let building = layout.buildingDirectory(2)
        try FileManager.default.copyItem(atPath: layout.generationDirectory(layout.currentGeneration()!), toPath: building)
        let new = ["a", "b", "c", "d", "e", "f"]
        for (n, name) in new.enumerated() { try fixture.write(name + ".txt", story(10 + n)) }
        var options = IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)
        options.shards = shards
        let sequence = ChangeSequence(last: start)
        _ = try Indexer(options: options).update(
            generation: building, scan: try FileScanner.scan(root: fixture.articles), liveCopies: buildStart, sequence: sequence)
        let built = try changeNumbers(ofGeneration: building).seqs
        #expect(new.map { built[$0 + ".txt"] } == (1...6).map { start + UInt64($0) })

        // Meanwhile the live generation indexes b and two files of its own, but not the others.
        for name in ["a", "c", "d", "e", "f"] { try fixture.remove(name + ".txt") }
        try fixture.write("p.txt", story(20))
        try fixture.write("q.txt", story(21))
        try fixture.index()
        let live = LiveCopies.load(layout, stemLanguage: "english")
        let liveNumbers = try changeNumbers(ofGeneration: layout.generationDirectory(layout.currentGeneration()!)).seqs
        #expect(live.last == start + 3)

        let renumbered = try SwitchNumbering(buildStart: start).apply(
            to: building, live: live, sequence: sequence, stemLanguage: "english")
        let after = try changeNumbers(ofGeneration: building).seqs
        #expect(renumbered == 3)
        for n in 0..<3 { #expect(after["old-\(n).txt"] == built["old-\(n).txt"], "old-\(n) keeps its number") }
        #expect(after["b.txt"] == liveNumbers["b.txt"], "b takes the live number")
        #expect(after["a.txt"] == start + 7 && after["c.txt"] == start + 8, "numbered after the live counter, in their order")
        #expect(["d", "e", "f"].map { after[$0 + ".txt"] } == [start + 4, start + 5, start + 6], "already after the live counter")
        #expect(sequence.last == start + 8)
        let reader = try IndexReader(shards: IndexLayout.shardPaths(in: building))
        #expect(try reader.lastChange() == start + 8)
        // The bucket terms moved with the numbers: a range finds each article once, under its new number.
        #expect(try reader.changedArticles(after: start + 6, through: start + 8).map(\.key.id).sorted() == ["a.txt", "c.txt"])
    }

    @Test func nothingHappensWhenTheLiveCounterDidNotMove() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("old.txt", story(0))
        try fixture.index(rebuild: true)
        let live = LiveCopies.load(fixture.layout, stemLanguage: "english")
        let folder = fixture.layout.generationDirectory(fixture.layout.currentGeneration()!)
        let renumbered = try SwitchNumbering(buildStart: live.last).apply(
            to: folder, live: live, sequence: ChangeSequence(last: live.last), stemLanguage: "english")
        #expect(renumbered == 0)
    }
}
