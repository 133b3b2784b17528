import Foundation
import Testing
import TrawlTestSupport

/// `trawl watch QUERY` through the real binaries: it prints each new match as a search hit (one
/// JSON object per line with --json) until interrupted (SIGINT: status 0), and says so with a
/// non-zero status when the daemon goes away.
@Suite(.ownThreads) struct WatchCommandTests {
    /// Waits (up to `timeout` s) until `condition` holds; whether it did.
    private func eventually(_ timeout: TimeInterval = 30, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    @Test(.timeLimit(.minutes(2))) func watchJSONPrintsEachNewMatchUntilInterrupted() throws {
        let scratch = try Scratch()
        let built = try ShardedScratchIndex(scratch, articles: 0..<5, shards: 1)
        let daemon = try DaemonProcess(index: built.index, socket: scratch.path + "/s")
        let watch = try StartedProgram(Binaries.path("trawl"), ["watch", "--json", "--socket", daemon.socketPath, "council"])
        #expect(eventually { watch.written.stderr.contains("watching for new matches") }, "\(watch.written)")

        try built.corpus.write(8..<9)
        try ArticleCorpus.writeFile(built.corpus.folder + "/other.txt", SubscribeTests.otherStory)
        #expect(try runIndexer(index: built.index, articles: built.corpus.folder).status == 0)
        #expect(eventually { watch.written.stdout.contains("\n") }, "\(watch.written)")

        kill(watch.pid, SIGINT)
        let ended = watch.finish()
        #expect(ended.status == 0, "\(ended.stderr)")
        let lines = ended.stdout.split(separator: "\n")
        #expect(lines.count == 1, "only the new match: \(ended.stdout)")
        let hit = try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any]
        #expect(hit?["id"] as? String == built.corpus.name(8))
        #expect(hit?["title"] as? String == "Report 000008" && (hit?["snippet"] as? String)?.contains("<b>") == true)
        #expect((hit?["seq"] as? Int ?? 0) > 5)
    }

    @Test(.timeLimit(.minutes(2))) func aWatchWhoseDaemonGoesAwaySaysSoAndFails() throws {
        let scratch = try Scratch()
        let built = try ShardedScratchIndex(scratch, articles: 0..<3, shards: 1)
        let daemon = try DaemonProcess(index: built.index, socket: scratch.path + "/s")
        let watch = try StartedProgram(Binaries.path("trawl"), ["watch", "--socket", daemon.socketPath, "council"])
        #expect(eventually { watch.written.stderr.contains("watching for new matches") }, "\(watch.written)")
        kill(daemon.pid, SIGKILL)
        let ended = watch.finish()
        #expect(ended.status == 2)
        #expect(ended.stderr.contains("the watch ended; resume it with --since-seq 3"), "\(ended.stderr)")
    }
}
