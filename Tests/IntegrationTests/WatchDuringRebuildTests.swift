import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `--watch` beside `--rebuild` and `kill -9`, through the real binaries: a file renamed into the
/// root every 100 ms during a whole rebuild is searchable before the switch (in the old
/// generation) and after it (in the new one), none lost, none twice, and the rebuild caught up
/// with most of them without the live writer lock; a watcher killed mid-stream loses nothing once
/// started again.
@Suite(.ownThreads, .serialized) struct WatchDuringRebuildTests {
    @Test(.timeLimit(.minutes(5))) func aStreamDuringARebuildIsNeitherLostNorDoubled() throws {
        let scratch = try Scratch()
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        let built = try corpus.write(0..<Self.corpusSize, paragraphs: 30)
        let index = try TestIndexes.build(articles: corpus.folder, index: scratch.path + "/index", extra: ["--rebuild"])
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let watcher = try WatchingIndexer(index: index, articles: corpus.folder)
        let stream = FileStream(corpus: corpus, first: 100_000, interval: 0.1)
        let checker = StreamChecker(socket: daemon.socketPath, stream: stream)

        stream.start()
        checker.start()
        let rebuildStarted = stream.written
        let rebuild = try runIndexer(index: index, articles: corpus.folder, ["--rebuild", "--writers", "1"], timeout: 240)
        let rebuildEnded = stream.written
        usleep(1_000_000)
        let streamed = stream.stop()
        let found = checker.finish()

        #expect(rebuild.status == 0 && rebuild.count("generation") == 2, "\(rebuild.summary) \(rebuild.stderr)")
        #expect(rebuildEnded - rebuildStarted >= 5, "the rebuild must outlast several files of the stream")
        // The files streamed during the build are caught up mostly without the live writer lock
        // (the watcher had indexed them); under it, only the last few.
        let catchup = rebuild.summary["catchup"] as? [String: Int] ?? [:]
        let caughtUp = catchup["files"] ?? -1, locked = catchup["locked"] ?? -1
        #expect(caughtUp > 0 && locked >= 0 && locked < caughtUp - locked, "caught up with \(catchup)")
        #expect(found.missing.isEmpty, "\(found.missing.count) not found within 30 s of their rename, from \(found.missing.first ?? "")")
        #expect(found.generations.contains(1) && found.generations.contains(2), "found in both generations: \(found.generations)")
        let served = try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 2, documents: built.count + streamed.count)
        #expect(IndexInspection.duplicates(served.ids).isEmpty)
        #expect(Set(served.ids) == Set(built + streamed), "\(served.ids.count) served, \(built.count + streamed.count) written")
        let ended = watcher.stop()
        #expect(ended.status == 0, "watcher: \(ended.stderr)")
    }

    @Test(.timeLimit(.minutes(2))) func aWatcherKilledMidStreamLosesNothing() throws {
        let scratch = try Scratch()
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        let built = try corpus.write(0..<20)
        let index = try TestIndexes.build(articles: corpus.folder, index: scratch.path + "/index")
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        var watcher = try WatchingIndexer(index: index, articles: corpus.folder)
        let stream = FileStream(corpus: corpus, first: 1000, interval: 0.02)
        stream.start()
        usleep(700_000)
        watcher.program.kill()
        usleep(300_000)
        watcher = try WatchingIndexer(index: index, articles: corpus.folder)
        usleep(500_000)
        let streamed = stream.stop()
        let served = try IndexInspection.servedIDs(socket: daemon.socketPath, documents: built.count + streamed.count)
        #expect(IndexInspection.duplicates(served.ids).isEmpty)
        #expect(served.ids.sorted() == (built + streamed).sorted(), "\(served.ids.count) served, \(built.count + streamed.count) written")
        let ended = watcher.stop()
        #expect(ended.status == 0, "\(ended.stderr)")
    }

    /// With 30 paragraphs each, enough that a one-writer rebuild takes seconds.
    /// NOTE: not thousands: with 2500 to 4000 `markerNNNNNNx` words the spelling table may come
    /// out damaged ("Too few chunks of compressed data"; also before `--watch`, with a plain
    /// `--rebuild`), depending on how the words fall to the writers.
    static let corpusSize = 1000
}
