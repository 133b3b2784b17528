import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// A rebuild's catch-up in passes (`RebuildCatchUp`, docs/design/watch.md): without the live
/// writer lock it reads only the files the live generation already holds as they are (with its
/// change numbers) and removes files gone; under the lock, the rest. A file the live generation
/// indexes between the passes keeps the live number; one it never got is numbered after the live
/// counter. The live generation is written between the passes by incremental runs, as a watcher would.
@Suite(.ownThreads) struct RebuildCatchUpTests {
    private func story(_ n: Int) -> String { "Story \(n)\n\n12 May 2025\n\nNotes of the council meeting in district \(n).\n" }

    @Test(arguments: [1, 3]) func theUnlockedPassReadsWhatTheLiveGenerationHoldsAndTheLockedOneTheRest(shards: Int) throws {
        let fixture = try IndexFixture(withSeeds: false)
        for n in 0..<10 { try fixture.write("story-\(n).txt", story(n)) }
        try fixture.index(rebuild: true, shards: shards)
        let layout = fixture.layout
        // The rebuild's generation, as its build leaves it: here a copy of the live one, built from this scan.
        let rebuildLock = try WriterLock(path: layout.rebuildLockFile, purpose: "test: a rebuild")
        defer { withExtendedLifetime(rebuildLock) {} }
        let building = layout.buildingDirectory(2)
        try FileManager.default.copyItem(atPath: layout.generationDirectory(layout.currentGeneration()!), toPath: building)
        var options = IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)
        options.shards = shards
        let indexer = Indexer(options: options)
        let live = LiveCopies.load(layout, stemLanguage: options.stemLanguage)
        var catchUp = RebuildCatchUp(
            indexer: indexer, building: building, builtFrom: try FileScanner.scan(root: fixture.articles), liveCopies: live,
            sequence: ChangeSequence(last: live.last))

        // Landed during the build: the watcher indexed "held" and removed "story-0", not yet "late".
        try fixture.write("held.txt", story(100))
        try fixture.remove("story-0.txt")
        try fixture.index()
        try fixture.write("late.txt", story(101))
        var summary = IndexSummary()
        try catchUp.passesWithoutLock(summary: &summary)
        #expect(catchUp.counts == CatchUpCounts(files: 2, locked: 0), "held.txt and story-0.txt, not late.txt")
        #expect(try changeNumbers(ofGeneration: building).seqs["late.txt"] == nil)

        // Between the passes the watcher indexes "late"; "last" lands after the lock is taken.
        try fixture.index()
        try fixture.write("last.txt", story(102))
        let liveNumbers = try changeNumbers(ofGeneration: layout.generationDirectory(layout.currentGeneration()!))
        try catchUp.passUnderLock(summary: &summary)
        #expect(catchUp.counts == CatchUpCounts(files: 4, locked: 2), "late.txt and last.txt")

        let built = try changeNumbers(ofGeneration: building)
        #expect(built.seqs.count == 12 && summary.documents == 12)
        #expect(built.seqs["story-0.txt"] == nil)
        for id in liveNumbers.seqs.keys { #expect(built.seqs[id] == liveNumbers.seqs[id], "\(id) keeps the live number") }
        #expect(built.seqs["last.txt"] == liveNumbers.last + 1, "numbered after the live counter")
        #expect(built.last == liveNumbers.last + 1)
        #expect(summary.added == 3 && summary.deleted == 1)
    }

    @Test func nothingChangedStillTakesTheLiveCounter() throws {
        let fixture = try IndexFixture(withSeeds: false)
        for n in 0..<3 { try fixture.write("story-\(n).txt", story(n)) }
        try fixture.index(rebuild: true)
        let layout = fixture.layout
        let rebuildLock = try WriterLock(path: layout.rebuildLockFile, purpose: "test: a rebuild")
        defer { withExtendedLifetime(rebuildLock) {} }
        let building = layout.buildingDirectory(2)
        try FileManager.default.copyItem(atPath: layout.generationDirectory(layout.currentGeneration()!), toPath: building)
        let indexer = Indexer(options: IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles))
        let live = LiveCopies.load(layout, stemLanguage: indexer.options.stemLanguage)
        let scan = try FileScanner.scan(root: fixture.articles)
        var catchUp = RebuildCatchUp(
            indexer: indexer, building: building, builtFrom: scan, liveCopies: live, sequence: ChangeSequence(last: live.last))
        // A file written and removed again during the build: the live counter moved, the files did not.
        try fixture.write("brief.txt", story(9))
        try fixture.index()
        try fixture.remove("brief.txt")
        try fixture.index()

        var summary = IndexSummary()
        try catchUp.passesWithoutLock(summary: &summary)
        try catchUp.passUnderLock(summary: &summary)
        #expect(catchUp.counts == CatchUpCounts())
        #expect(try changeNumbers(ofGeneration: building).last == live.last + 2)
    }
}
