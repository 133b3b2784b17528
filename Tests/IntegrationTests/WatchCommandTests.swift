import Foundation
import Testing
import TrawlTestSupport

/// `trawl watch QUERY` through the real binaries: it prints each new match as a search hit (one
/// JSON object per line with --json) until interrupted (SIGINT: status 0), across daemon restarts.
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

    /// trawld killed (SIGKILL) or stopped (SIGTERM: its subscription connections close without a
    /// word) and started again: the watch reconnects by itself and resumes after the last hit it
    /// printed, so a put made meanwhile is printed, and none twice.
    @Test(.timeLimit(.minutes(3))) func aWatchKeepsWatchingAcrossDaemonRestarts() throws {
        let setUp = try PushedIndex(articles: 3)
        let watch = try StartedProgram(
            Binaries.path("trawl"), ["watch", "--json", "--socket", setUp.daemon.socketPath, "pushedmarkerrestart"])
        #expect(eventually { watch.written.stderr.contains("watching for new matches") }, "\(watch.written)")
        let printed = { watch.written.stdout.split(separator: "\n").count }
        #expect(try setUp.connect().put(PushedIndex.article("wire/r1", marker: "pushedmarkerrestart"), wait: true).isOK)
        #expect(eventually { printed() == 1 }, "\(watch.written)")

        kill(setUp.daemon.pid, SIGKILL)
        setUp.daemon.process.waitUntilExit()
        #expect(eventually { watch.written.stderr.contains("reconnecting") }, "\(watch.written)")
        try setUp.restart()
        #expect(try setUp.connect().put(PushedIndex.article("wire/r2", marker: "pushedmarkerrestart"), wait: true).isOK)
        #expect(eventually { printed() == 2 }, "\(watch.written)")

        #expect(setUp.daemon.stop() == 0)
        try setUp.restart()
        #expect(try setUp.connect().put(PushedIndex.article("wire/r3", marker: "pushedmarkerrestart"), wait: true).isOK)
        #expect(eventually { printed() == 3 }, "\(watch.written)")

        kill(watch.pid, SIGINT)
        let ended = watch.finish()
        #expect(ended.status == 0, "\(ended.stderr)")
        let ids = try ended.stdout.split(separator: "\n").map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(ids == ["wire/r1", "wire/r2", "wire/r3"], "each once, in order: \(ended.stdout)")
        #expect(ended.stderr.components(separatedBy: "reconnected to trawld").count == 3, "\(ended.stderr)")
    }

    /// What waiting cannot heal ends the watch at once: no daemon at the socket when it starts.
    @Test(.timeLimit(.minutes(1))) func aWatchWithNoDaemonAtStartFails() throws {
        let scratch = try Scratch()
        let ended = try StartedProgram(Binaries.path("trawl"), ["watch", "--socket", scratch.path + "/none", "council"]).finish()
        #expect(ended.status == 2)
        #expect(ended.stderr.contains("cannot reach trawld"), "\(ended.stderr)")
    }
}
