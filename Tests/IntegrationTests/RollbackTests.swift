import Foundation
import Testing
import TrawlClient

/// The README's rollback (`current` pointed back at the previous generation by hand): the daemon
/// switches back, later incremental runs update the generation rolled back to and leave the newer
/// one alone (so the operator can roll forward again), and the next rebuild prunes it.
@Suite(.serialized) struct RollbackTests {
    @Test(.timeLimit(.minutes(2))) func rollbackSurvivesTheNextRuns() throws {
        let scratch = try Scratch()
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<20)
        let index = scratch.path + "/index"
        #expect(try runIndexer(index: index, articles: corpus.folder).status == 0)
        try corpus.write(20..<30)
        #expect(try runIndexer(index: index, articles: corpus.folder, ["--rebuild"]).status == 0)
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        #expect(try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 2).ids.count == 30)

        try "auto gen-1\n".write(toFile: index + "/current.tmp", atomically: false, encoding: .utf8)
        #expect(rename(index + "/current.tmp", index + "/current") == 0)
        #expect(try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 1).ids.count == 20)

        let update = try runIndexer(index: index, articles: corpus.folder)
        #expect(update.status == 0 && update.count("generation") == 1 && update.count("added") == 10)
        #expect(IndexInspection.generations(in: index) == [1, 2], "the generation rolled back from stays")
        let updated = try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 1, documents: 30)
        #expect(updated.ids.count == 30)

        let rebuild = try runIndexer(index: index, articles: corpus.folder, ["--rebuild"])
        #expect(rebuild.status == 0 && rebuild.count("generation") == 3)
        #expect(IndexInspection.generations(in: index) == [1, 3], "live and previous are kept, the rest pruned")
    }
}
