import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// `--rebuild` writes one shard per writer thread and merges them: the result must be the same
/// index a single writer builds.
@Suite(.ownThreads) struct ShardedRebuildTests {
    /// 120 small stories; every tenth mentions a wombat, and story 7 has a unique word.
    private func fixtureWithManyFiles() throws -> IndexFixture {
        let fixture = try IndexFixture(withSeeds: false)
        for n in 0..<120 {
            let extra = n % 10 == 0 ? " A wombat was seen." : ""
            let unique = n == 7 ? " The quokka smiled." : ""
            try fixture.write(
                String(format: "batch-%d/story-%03d.txt", n / 50, n),
                "Story number \(n)\n\n12 May 2025\n\nCouncil meeting notes for district \(n).\(extra)\(unique)\n")
        }
        return fixture
    }

    @Test func shardsMergeIntoOneGenerationWithEveryArticleOnce() throws {
        let fixture = try fixtureWithManyFiles()
        let summary = try fixture.index(rebuild: true, writers: 3)
        #expect(summary.added == 120 && summary.documents == 120 && summary.failed == 0)

        let reader = try fixture.reader()
        #expect(try reader.documentCount() == 120)
        for n in [0, 7, 59, 119] {
            let id = String(format: "batch-%d/story-%03d.txt", n / 50, n)
            #expect(try reader.termFrequency(prefix: "Q", key: id) == 1)
        }
        #expect(try fixture.ids("wombat").count == 12)
        #expect(try fixture.ids("quokka") == ["batch-0/story-007.txt"])
        // Metadata is written once (by the first writer), so the merged value is not doubled.
        #expect(try reader.metadata(MetadataKey.generation) == "1")
        // The work folder of shards is gone.
        #expect(!FileManager.default.fileExists(atPath: fixture.layout.shardsDirectory(1)))
        #expect(fixture.layout.generationsOnDisk().map(\.path) == [fixture.layout.generationDirectory(1)])
    }

    @Test func oneWriterAndSeveralWritersFindTheSameArticles() throws {
        let fixture = try fixtureWithManyFiles()
        let queries = ["wombat", "\"district 42\"", "council AND NOT wombat", "date:2025-05-12"]
        // Every match, not the top 100: ties in score are ordered by docid, which sharding changes.
        func everyMatch() throws -> [Set<String>] { try queries.map { Set(try fixture.ids($0) { $0.limit = 1000 }) } }
        try fixture.index(rebuild: true, writers: 1)
        let single = try everyMatch()
        try fixture.index(rebuild: true, writers: 4)
        let sharded = try everyMatch()
        #expect(single == sharded)
        #expect(single.map(\.count) == [12, 1, 108, 120])
    }

    /// Also when the generation has shards: the loser is deleted from the shard its id routes to.
    @Test(arguments: [1, 3]) func anIdInTwoFilesIsKeptFromTheFirstFileWhicheverShardWroteIt(shards: Int) throws {
        let fixture = try fixtureWithManyFiles()
        // The first and the last file in scan order claim the same id.
        try fixture.write("aaa.json", "{\"id\": \"shared\", \"title\": \"First\", \"body\": \"kept okapi\"}")
        try fixture.write("zzz.json", "{\"id\": \"shared\", \"title\": \"Last\", \"body\": \"dropped okapi\"}")
        let summary = try fixture.index(rebuild: true, writers: 2, shards: shards)
        #expect(summary.documents == 121)
        #expect(summary.failed == 1)
        #expect(summary.failures.map(\.path) == ["zzz.json"])
        #expect(summary.failures.first?.reason.contains("also in aaa.json") == true)
        #expect(try fixture.ids("okapi") == ["shared"])
        #expect(try fixture.reader().article(id: "shared").title == "First")
        // The merged generation holds every clean file's fingerprint (and none for the loser), so an
        // incremental run reads only the file with the duplicate, and reports it the same way.
        let manifest = try Manifest.load(from: fixture.layout.shardPaths(generation: 1).map { try IndexReader(path: $0) })
        #expect(manifest.files.values.filter { $0.key != nil }.count == 121)
        #expect(manifest.files["zzz.json"]?.key == nil)
        let next = try fixture.index(shards: shards)
        #expect(next.line == "added 0, updated 0, unchanged 121, deleted 0, skipped 0, failed 1")
        #expect(next.failures == summary.failures)
    }

    @Test func shardsLeftByAKilledRebuildAreRemovedByTheNextRun() throws {
        let fixture = try fixtureWithManyFiles()
        try fixture.index(rebuild: true)
        let debris = fixture.layout.shardsDirectory(2) + "/shard-0"
        try FileManager.default.createDirectory(atPath: debris, withIntermediateDirectories: true)
        try "partial".write(toFile: debris + "/postlist.glass", atomically: false, encoding: .utf8)

        let next = try fixture.index()
        #expect(next.unchanged == 120)
        #expect(!FileManager.default.fileExists(atPath: fixture.layout.shardsDirectory(2)))
        let rebuilt = try fixture.index(rebuild: true, writers: 2)
        #expect(rebuilt.generation == 2 && rebuilt.documents == 120)
    }
}
