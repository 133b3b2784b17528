import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// `--watch`'s batches (`LiveBatch`): a changed path is looked at again on disk, a folder with all
/// below it, and what is gone is deleted; the manifest kept between batches is read again when
/// another writer committed in between (`WriteStamp`); `FileScanner.scan(root:below:)` follows the
/// scan's rules for one path.
@Suite(.ownThreads) struct LiveBatchTests {
    @Test func aBatchIndexesWhatIsThereAndDeletesWhatIsGone() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        let batch = LiveBatch(indexer: Indexer(options: IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)))
        try fixture.write("new/one.txt", "One title\n\nA body about zeppelins.\n")
        try fixture.remove(Seeds.names[0])
        let first = try batch.apply(["new", Seeds.names[0]])
        #expect(first.summary.added == 1 && first.summary.deleted == 1, "\(first.summary)")
        #expect(first.folders == ["new"])
        #expect(try fixture.ids("zeppelins").count == 1)

        // Another writer between two batches: the next batch knows what it added.
        try fixture.write("new/two.txt", "Two title\n\nA body about airships.\n")
        try fixture.index()
        try fixture.remove("new")
        let second = try batch.apply(["new"])
        #expect(second.summary.deleted == 2, "\(second.summary)")
        #expect(try fixture.ids("zeppelins").isEmpty && fixture.ids("airships").isEmpty)
    }

    /// What a batch deletes: a gone file it names, and what was below a gone folder it names
    /// (at any depth), never a file beside it whose name only starts the same.
    @Test func aBatchDeletesOnlyWhatItsPathsCover() {
        var manifest = Manifest()
        for file in ["a.txt", "gone/x.txt", "gone/deep/y.txt", "gone-too.txt", "goneish/z.txt", "kept/w.txt"] {
            manifest.files[file] = Manifest.Entry()
        }
        let vanished = LiveBatch.vanished(from: manifest, paths: ["a.txt", "gone", "kept/w.txt", "new.txt"], present: ["kept/w.txt", "new.txt"])
        #expect(Set(vanished.keys) == ["a.txt", "gone/x.txt", "gone/deep/y.txt"])
    }

    @Test func theManifestKeptBetweenBatchesFollowsEachFile() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("feed.jsonl", #"{"id":"a","title":"A","body":"alpha"}"# + "\n" + #"{"id":"b","title":"B","body":"beta"}"# + "\n")
        try fixture.index()
        let batch = LiveBatch(indexer: Indexer(options: IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)))
        // One article dropped, then the file deleted: the second batch deletes what the first left.
        try fixture.write("feed.jsonl", #"{"id":"a","title":"A","body":"alpha"}"# + "\n")
        let first = try batch.apply(["feed.jsonl"])
        #expect(first.summary.deleted == 1 && first.summary.unchanged == 1, "\(first.summary)")
        try fixture.remove("feed.jsonl")
        let second = try batch.apply(["feed.jsonl"])
        #expect(second.summary.deleted == 1 && second.summary.documents == 0, "\(second.summary)")
    }

    /// A new file that comes first in path order takes an id over from an indexed file: the id's
    /// article is updated, not added, and nothing counts below zero (a watch batch said "added 1,
    /// unchanged -1" while the number of articles stayed the same).
    @Test func anIDTakenOverByAnEarlierFileIsAnUpdate() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("m2.jsonl", #"{"id":"dd","title":"Second","body":"okapi"}"# + "\n")
        try fixture.index()
        let batch = LiveBatch(indexer: Indexer(options: IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)))
        try fixture.write("m1.jsonl", #"{"id":"dd","title":"First","body":"zebra"}"# + "\n")
        let summary = try batch.apply(["m1.jsonl"]).summary
        #expect(summary.added == 0 && summary.updated == 1 && summary.unchanged == 0, "\(summary)")
        #expect(summary.documents == 1)
        #expect(try fixture.ids("zebra") == ["dd"] && fixture.ids("okapi").isEmpty)
    }

    @Test func scanningOnePathFollowsTheScansRules() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("a/b/c.txt", "C\n\nc\n")
        try fixture.write("a/.hidden/d.txt", "D\n\nd\n")
        try fixture.write("a/notes.csv", "x\n")
        let folder = FileScanner.scan(root: fixture.articles, below: "a")
        #expect(folder.files.map(\.relativePath) == ["a/b/c.txt"] && folder.folders == ["a", "a/b"] && folder.skipped == ["a/notes.csv"])
        #expect(FileScanner.scan(root: fixture.articles, below: "a/b/c.txt").files.map(\.relativePath) == ["a/b/c.txt"])
        #expect(FileScanner.scan(root: fixture.articles, below: "a/.hidden").files.isEmpty)
        let gone = FileScanner.scan(root: fixture.articles, below: "a/gone.txt")
        #expect(gone.files.isEmpty && gone.problems.isEmpty)
    }
}
