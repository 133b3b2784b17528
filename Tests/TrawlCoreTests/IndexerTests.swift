import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// `trawl-index`: incremental runs touch only what changed; rebuilds switch generations
/// atomically; killed runs leave the live index searchable; one writer at a time.
@Suite(.ownThreads) struct IncrementalIndexingTests {
    @Test func addUpdateUnchangedDeleteAreCounted() throws {
        let fixture = try IndexFixture()
        let first = try fixture.index()
        #expect(first.added == 5 && first.documents == 5 && first.generation == 1)

        let again = try fixture.index()
        #expect(again.line == "added 0, updated 0, unchanged 5, deleted 0, skipped 0, failed 0")

        try fixture.write("new.md", "---\ntitle: Fresh story\n---\nA completely fresh zeppelin story.\n")
        try fixture.write("notes.bin", "not an article")
        try fixture.remove("000_a577873e2491d8f5.txt")
        let data = try Seeds.data("004_942c03c566ac67b7.txt")
        try (String(decoding: data, as: UTF8.self) + "\nA new closing paragraph about quokkas.\n")
            .write(toFile: fixture.articles + "/004_942c03c566ac67b7.txt", atomically: false, encoding: .utf8)

        let update = try fixture.index()
        #expect(update.line == "added 1, updated 1, unchanged 3, deleted 1, skipped 1, failed 0")
        #expect(update.documents == 5)
        #expect(try fixture.ids("zeppelin") == ["new.md"])
        #expect(try fixture.ids("quokkas") == ["004_942c03c566ac67b7.txt"])
        #expect(try fixture.ids("\"silver bullet\"").contains("000_a577873e2491d8f5.txt") == false)
    }

    @Test func touchedButIdenticalFileCountsAsUnchanged() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        let path = fixture.articles + "/001_b053db553f314cb7.txt"
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        let update = try fixture.index()
        #expect(update.unchanged == 5 && update.updated == 0)
    }

    @Test func jsonLinesFileIsReplacedAsAUnit() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("feed.jsonl", """
            {"id": "a", "title": "Alpha", "body": "first walrus"}
            {"id": "b", "title": "Beta", "body": "second walrus"}
            """)
        try fixture.index()
        #expect(try fixture.ids("walrus").sorted() == ["a", "b"])
        try fixture.write("feed.jsonl", "{\"id\": \"b\", \"title\": \"Beta\", \"body\": \"second walrus again\"}\n")
        let update = try fixture.index()
        #expect(try fixture.ids("walrus") == ["b"])
        #expect(update.documents == 1)
    }

    @Test func failedFileIsReportedAndKeepsItsOldArticles() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("good.json", "{\"id\": \"g\", \"title\": \"Good\", \"body\": \"a narwhal\"}")
        try fixture.index()
        try fixture.write("good.json", "{\"id\": \"g\", \"title\": ")
        try fixture.write("empty.txt", "")
        let update = try fixture.index()
        #expect(update.failed == 2)
        #expect(Set(update.failures.map(\.path)) == ["good.json", "empty.txt"])
        #expect(try fixture.ids("narwhal") == ["g"])
    }

    @Test func duplicateIdsAcrossFilesAreRefused() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("a.json", "{\"id\": \"same\", \"body\": \"one okapi\"}")
        try fixture.write("b.json", "{\"id\": \"same\", \"body\": \"two okapi\"}")
        let summary = try fixture.index(rebuild: true)
        #expect(summary.documents == 1)
        #expect(summary.failures.first?.reason.contains("also in a.json") == true)
    }
}

@Suite(.ownThreads) struct ParseBatchTests {
    private func files(_ sizes: [Int64]) -> [ScannedFile] {
        sizes.enumerated().map {
            ScannedFile(relativePath: "f\($0.offset)", absolutePath: "/f\($0.offset)", size: $0.element, modified: 0, format: .text)
        }
    }

    @Test func batchesAreBoundedByCountAndBytes() {
        // By count: 5 small files in runs of 2.
        #expect(Indexer.batches(of: files([1, 1, 1, 1, 1]), count: 2, bytes: 100).map(\.count) == [2, 2, 1])
        // By bytes: a 60-byte file alone fills a 100-byte batch; a 150-byte file goes alone.
        #expect(Indexer.batches(of: files([30, 30, 60, 150, 10]), count: 10, bytes: 100).map(\.count) == [2, 1, 1, 1])
        #expect(Indexer.batches(of: [], count: 2, bytes: 100).isEmpty)
    }
}

@Suite(.ownThreads) struct GenerationTests {
    @Test func rebuildSwitchesWhileAReaderHoldsTheOldGeneration() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        let oldReader = try fixture.reader()
        try fixture.write("late.txt", "Late story\n\nAbout a capybara.\n")
        let rebuilt = try fixture.index(rebuild: true)
        #expect(rebuilt.generation == 2 && rebuilt.rebuilt && rebuilt.documents == 6)
        #expect(fixture.layout.currentGeneration() == 2)
        // The old handle still answers from generation 1; a fresh one sees generation 2.
        #expect(try oldReader.search(SearchQuery(text: "capybara")).hits.isEmpty)
        #expect(try oldReader.search(SearchQuery(text: "\"return hubs\"")).hits.count == 5)
        #expect(try fixture.ids("capybara") == ["late.txt"])
        // The previous generation is kept for rollback; older ones go.
        try fixture.index(rebuild: true)
        #expect(fixture.layout.generationsOnDisk().map(\.number) == [2, 3])
    }

    @Test func killedRebuildLeavesTheLiveIndexAndIsCleanedUp() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        // What a rebuild killed mid-way leaves: a half-built generation and a half-written stub.
        let debris = fixture.layout.buildingDirectory(2)
        try FileManager.default.createDirectory(atPath: debris, withIntermediateDirectories: true)
        try "garbage".write(toFile: debris + "/glass.partial", atomically: false, encoding: .utf8)
        try "auto gen-2\n".write(toFile: fixture.index + "/current.tmp", atomically: false, encoding: .utf8)
        #expect(try fixture.ids("\"return hubs\"").count == 5)

        let next = try fixture.index()
        #expect(!FileManager.default.fileExists(atPath: debris))
        #expect(!FileManager.default.fileExists(atPath: fixture.index + "/current.tmp"))
        #expect(next.unchanged == 5 && fixture.layout.currentGeneration() == 1)
    }

    @Test func rebuildRefusesToEmptyALiveIndex() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        for name in Seeds.names { try fixture.remove(name) }
        #expect(throws: IndexerError.self) { try fixture.index(rebuild: true) }
        #expect(try fixture.ids("\"return hubs\"").count == 5)
    }

    @Test func secondWriterGetsAClearError() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        let held = try WriterLock(path: fixture.layout.lockFile, purpose: "test")
        do {
            _ = try fixture.index()
            Issue.record("the second writer was not refused")
        } catch let error as IndexerError {
            #expect(error.description.contains("another trawl-index is writing"))
            #expect(error.description.contains("pid \(getpid())"))
        }
        withExtendedLifetime(held) {}
    }

    @Test func xapianToolsSeeOneDocumentPerArticleWithItsIdTerm() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        let reader = try fixture.reader()
        #expect(try reader.documentCount() == 5)
        for name in Seeds.names { #expect(try reader.termFrequency(prefix: "Q", key: name) == 1) }
    }
}
