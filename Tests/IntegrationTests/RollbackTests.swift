import Foundation
import Testing
import TrawlClient
import TrawlCore
import TrawlTestSupport

/// `trawl-index --rollback`: the previous generation becomes live again under a new, higher
/// number (the protocol's `generation` only grows), and trawld switches to it as after a
/// rebuild. The generation it replaced stays, so a second rollback goes forward again; later
/// incremental runs update the live one, and the next rebuild prunes the rest.
@Suite(.ownThreads, .serialized) struct RollbackTests {
    @Test(.timeLimit(.minutes(2))) func rollbackMovesTheGenerationForward() throws {
        let scratch = try Scratch()
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<20)
        let index = scratch.path + "/index"
        #expect(try runIndexer(index: index, articles: corpus.folder).status == 0)
        try corpus.write(20..<30)
        #expect(try runIndexer(index: index, articles: corpus.folder, ["--rebuild"]).status == 0)
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        #expect(try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 2).ids.count == 30)

        let back = try rollback(index)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.summary == ["generation": 3, "replaced": 2, "restored": 1, "documents": 20])
        #expect(try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 3).ids.count == 20)
        #expect(IndexInspection.generations(in: index) == [2, 3], "the generation rolled back from stays")
        #expect(try IndexReader(path: index + "/current").metadata(MetadataKey.generation) == "3")

        let forward = try rollback(index)
        #expect(forward.summary["generation"] == 4 && forward.summary["restored"] == 2 && forward.summary["documents"] == 30)
        #expect(try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 4).ids.count == 30)

        #expect(try rollback(index).summary["generation"] == 5)
        let update = try runIndexer(index: index, articles: corpus.folder)
        #expect(update.status == 0 && update.count("generation") == 5 && update.count("added") == 10)
        #expect(try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 5, documents: 30).ids.count == 30)

        let rebuild = try runIndexer(index: index, articles: corpus.folder, ["--rebuild"])
        #expect(rebuild.status == 0 && rebuild.count("generation") == 6)
        #expect(IndexInspection.generations(in: index) == [5, 6], "live and previous are kept, the rest pruned")
    }

    @Test func withoutAPreviousGenerationNothingChanges() throws {
        let scratch = try Scratch()
        let index = try TestIndexes.build(articles: try scratch.seedArticles(), index: scratch.path + "/index")
        let run = try rollback(index)
        #expect(run.status == 2)
        #expect(run.stderr.contains("there is no previous generation to roll back to: generation 1 is live"))
        #expect(IndexInspection.generations(in: index) == [1] && IndexInspection.liveGeneration(in: index) == 1)
    }

    /// `trawl-index --json --rollback`: status and the summary's integers (only with `"ok": true`).
    private func rollback(_ index: String) throws -> (status: Int32, summary: [String: Int], stderr: String) {
        let run = try runProgramUntil(Binaries.path("trawl-index"), ["--json", "--rollback", "--index", index], timeout: 60)
        let object = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
        guard object["ok"] as? Bool == true else { return (run.status, [:], run.stderr) }
        return (run.status, object.filter { $0.key != "ok" }.compactMapValues { $0 as? Int }, run.stderr)
    }
}
