import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// Incremental runs that would empty or re-key an archive do nothing: another root than the
/// index was built from (`trawl.articles_root`), or more deletions than `maxDeleteShare` allows.
@Suite(.ownThreads) struct UpdateGuardTests {
    @Test func anotherRootIsRefusedAndChangesNothing() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        try fixture.write("world/a.md", "---\ntitle: World story\n---\nA story about zeppelins.\n")
        try fixture.index()
        let elsewhere = fixture.directory + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        for root in [elsewhere, fixture.articles + "/world"] {
            let error = try #require(throws: IndexerError.self) { try fixture.index(root: root) }
            guard case .rootChanged(let recorded, let requested) = error else {
                Issue.record("expected rootChanged, got \(error)")
                continue
            }
            #expect(recorded == fixture.articles && requested == root)
            #expect(error.description.contains("--allow-root-change"))
            #expect(try fixture.reader().documentCount() == 6)
            #expect(try fixture.ids("zeppelins") == ["world/a.md"])
        }
        // The override re-roots the index (every id changes: the old ones go, the new one comes).
        let moved = try fixture.index(root: fixture.articles + "/world") {
            $0.allowRootChange = true
            $0.allowMassDelete = true
        }
        #expect(moved.added == 1 && moved.deleted == 6)
        #expect(try fixture.reader().metadata(MetadataKey.articlesRoot) == fixture.articles + "/world")
        #expect(try fixture.ids("zeppelins") == ["a.md"])
    }

    @Test func anIndexWithoutARecordedRootAdoptsTheRunsRoot() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        do {  // as built before the root was recorded
            let writer = try IndexWriter(path: fixture.layout.generationDirectory(1))
            try writer.setMetadata(MetadataKey.articlesRoot, "")
            try writer.commit()
        }
        let elsewhere = fixture.directory + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try "Lone story\n\nAbout quokkas.\n".write(toFile: elsewhere + "/lone.txt", atomically: false, encoding: .utf8)
        // Adopting a root does not lift the deletion limit: 5 of 5 would go.
        #expect(throws: IndexerError.self) { try fixture.index(root: elsewhere) }
        try fixture.index(root: elsewhere) { $0.allowMassDelete = true }
        #expect(try fixture.reader().metadata(MetadataKey.articlesRoot) == elsewhere)
    }

    @Test func aSymbolicLinkToTheRootIsTheSameRoot() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        let link = fixture.directory + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fixture.articles)
        #expect(try fixture.index(root: link).unchanged == 5)
        // The index keeps the name it was built from: a run through the link does not re-record
        // it, so the real path still works once the link is gone.
        #expect(try fixture.reader().metadata(MetadataKey.articlesRoot) == fixture.articles)
        try FileManager.default.removeItem(atPath: link)
        #expect(try fixture.index().unchanged == 5)
    }

    @Test func deletingMoreThanTheShareIsRefused() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        for name in Seeds.names.prefix(3) { try fixture.remove(name) }  // 3 of 5: more than half
        let error = try #require(throws: IndexerError.self) { try fixture.index() }
        guard case .massDelete(let deleting, let documents, _, _) = error else {
            Issue.record("expected massDelete, got \(error)")
            return
        }
        #expect(deleting == 3 && documents == 5)
        #expect(error.description.contains("--allow-mass-delete") && error.description.contains("indexing.max_delete_share"))
        #expect(try fixture.reader().documentCount() == 5)

        #expect(try fixture.index { $0.maxDeleteShare = 0.6 }.deleted == 3, "3 of 5 is within 60%")
    }

    @Test func deletingHalfIsAllowed() throws {
        let fixture = try IndexFixture()
        try fixture.write("extra.md", "---\ntitle: Extra\n---\nAn extra story.\n")
        try fixture.index()
        for name in Seeds.names.prefix(3) { try fixture.remove(name) }  // 3 of 6
        #expect(try fixture.index().deleted == 3)
    }

    /// The limit counts articles that leave the index, not files: renaming a feed file (its
    /// articles keep their ids) deletes nothing, so it is not refused.
    @Test func renamingAFeedFileIsNotAMassDelete() throws {
        let fixture = try IndexFixture()
        let feed = (1...6).map { #"{"id":"feed-\#($0)","title":"Item \#($0)","body":"Story \#($0) about lighthouses."}"# }
        try fixture.write("feed.jsonl", feed.joined(separator: "\n") + "\n")
        try fixture.index()
        try fixture.remove("feed.jsonl")  // 6 of 11 articles would go with it: more than half
        try fixture.write("renamed.jsonl", feed.joined(separator: "\n") + "\n")
        #expect(try fixture.index().documents == 11)
        #expect(try fixture.ids("lighthouses").count == 6)

        // Moved articles stay; only the ids no file holds any more count: 5 of 11 is within half.
        try fixture.remove("renamed.jsonl")
        try fixture.write("kept.jsonl", feed[0] + "\n")
        #expect(try fixture.index().documents == 6)
        // And a rename that also drops ids is still refused when those are too many.
        try fixture.remove("kept.jsonl")
        for name in Seeds.names.prefix(4) { try fixture.remove(name) }  // 4 of 6 leave
        try fixture.write("again.jsonl", feed[0] + "\n")
        let error = try #require(throws: IndexerError.self) { try fixture.index() }
        guard case .massDelete(let deleting, let documents, _, _) = error else {
            Issue.record("expected massDelete, got \(error)")
            return
        }
        #expect(deleting == 4 && documents == 6)
    }

    @Test func anEmptyRootNeverDeletesEverything() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        for name in Seeds.names { try fixture.remove(name) }
        #expect(throws: IndexerError.self) { try fixture.index { $0.maxDeleteShare = 1 } }
        #expect(try fixture.reader().documentCount() == 5)
        #expect(try fixture.index { $0.allowMassDelete = true }.documents == 0)
    }
}

/// `--json`'s `error.code`: `locked` only when another run holds the lock (a script may wait
/// and retry); a lock file that cannot be made at all is a filesystem problem.
@Suite(.ownThreads) struct IndexerErrorCodeTests {
    @Test func onlyAHeldLockIsLocked() {
        #expect(IndexerError.locked(.held(path: "/i/.lock", holder: "pid 7")).code == "locked")
        #expect(IndexerError.locked(.unavailable(path: "/i/.lock", reason: "Permission denied")).code == "filesystem")
    }
}

extension IndexFixture {
    /// An incremental run from `root` (default: the fixture's articles) with adjusted options.
    @discardableResult
    func index(root: String? = nil, _ configure: (inout IndexerOptions) -> Void) throws -> IndexSummary {
        var options = IndexerOptions(indexRoot: index, articlesRoot: root ?? articles)
        configure(&options)
        return try Indexer(options: options).run(rebuild: false)
    }

    @discardableResult
    func index(root: String) throws -> IndexSummary { try index(root: root) { _ in } }
}
