import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `trawl-index --watch` short of room: below `ingest.min_free_mb` it waits, and says so, instead of
/// committing into a full disk (which could end it, `EscapedEngineError`); once there is room again
/// it writes what changed meanwhile; a SIGTERM while it waits ends it with status 0, and the next
/// start catches up. The room is made small by a file size limit on the watcher (`FileSizeLimit`),
/// moved while it runs: room = the limit minus the index's largest file.
@Suite(.ownThreads, .serialized) struct WatchRoomTests {
    /// The reserve the tests set (`TRAWL_INGEST_MIN_FREE_MB`), in bytes.
    private static let reserve = 1 << 20
    private static let environment = ["TRAWL_INGEST_MIN_FREE_MB": "1"]

    @Test(.timeLimit(.minutes(2)), .enabled(if: FileSizeLimit.isAvailable))
    func aWatcherShortOfRoomWaitsThenWritesWhatChanged() throws {
        let setUp = try Self.servedIndex()
        let (corpus, index, connection) = (setUp.corpus, setUp.index, setUp.connection)
        let ample = try IndexInspection.largestFile(in: index) + 64 * Self.reserve
        let watcher = try WatchingIndexer(index: index, articles: corpus.folder, environment: Self.environment, fileSizeLimit: ample)

        try WatchingIndexer.renameIntoPlace(ArticleCorpus.text(10), at: corpus.folder + "/" + corpus.name(10))
        #expect(try connection.waitForMatches(ArticleCorpus.marker(10), [corpus.name(10)]) != nil, "written while there is room")

        try FileSizeLimit.change(pid: watcher.program.pid, to: IndexInspection.largestFile(in: index) + Self.reserve / 2)
        try WatchingIndexer.renameIntoPlace(ArticleCorpus.text(11), at: corpus.folder + "/" + corpus.name(11))
        #expect(Self.waitFor { watcher.program.written.stderr.contains("waiting for room") }, "\(watcher.program.written.stderr)")
        usleep(1_000_000)
        #expect(try connection.exactMatches(ArticleCorpus.marker(11)).isEmpty, "written with less room than the reserve")
        #expect(kill(watcher.program.pid, 0) == 0, "the watcher ended: \(watcher.program.written.stderr)")

        try FileSizeLimit.change(pid: watcher.program.pid, to: ample)
        #expect(try connection.waitForMatches(ArticleCorpus.marker(11), [corpus.name(11)]) != nil, "not written once there was room")
        let ended = watcher.stop()
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(ended.stderr.contains("ingest.min_free_mb") && ended.stderr.contains("room again"), "\(ended.stderr)")
        withExtendedLifetime(setUp) {}
    }

    @Test(.timeLimit(.minutes(2)), .enabled(if: FileSizeLimit.isAvailable))
    func aWatcherStoppedWhileWaitingEndsCleanlyAndTheNextStartCatchesUp() throws {
        let setUp = try Self.servedIndex()
        let (corpus, index, connection) = (setUp.corpus, setUp.index, setUp.connection)
        try WatchingIndexer.renameIntoPlace(ArticleCorpus.text(12), at: corpus.folder + "/" + corpus.name(12))
        let short = try IndexInspection.largestFile(in: index) + Self.reserve / 4
        let waiting = try WatchingIndexer(index: index, articles: corpus.folder, environment: Self.environment, fileSizeLimit: short)
        #expect(Self.waitFor { waiting.program.written.stderr.contains("waiting for room") }, "\(waiting.program.written.stderr)")
        let stoppedAt = Date()
        let ended = waiting.stop()
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(Date().timeIntervalSince(stoppedAt) < 5, "SIGTERM took \(Date().timeIntervalSince(stoppedAt)) s to end a waiting watcher")
        #expect(try connection.exactMatches(ArticleCorpus.marker(12)).isEmpty, "written with less room than the reserve")

        let next = try WatchingIndexer(index: index, articles: corpus.folder, environment: Self.environment)
        #expect(try connection.waitForMatches(ArticleCorpus.marker(12), [corpus.name(12)]) != nil, "the next start did not catch up")
        #expect(next.stop().status == 0)
        withExtendedLifetime(setUp) {}
    }

    /// Five articles indexed, a `trawld` serving them and a connection to it.
    private static func servedIndex() throws -> (scratch: Scratch, corpus: ArticleCorpus, index: String, daemon: DaemonProcess, connection: Connection) {
        let scratch = try Scratch()
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<5)
        let index = try TestIndexes.build(articles: corpus.folder, index: scratch.path + "/index")
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        return (scratch, corpus, index, daemon, try Connection(socketPath: daemon.socketPath))
    }

    /// Polls `probe` every 50 ms for up to 10 s.
    private static func waitFor(_ probe: () -> Bool) -> Bool {
        for _ in 0..<200 {
            if probe() { return true }
            usleep(50_000)
        }
        return false
    }
}
