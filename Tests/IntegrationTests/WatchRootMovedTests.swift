import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `--watch` whose root is renamed or swapped for a new copy: its watches follow the old folder, so
/// it went on indexing files written into the moved folder and never read the path's new ones. It
/// now ends (status 2) saying so, for its service manager to start it again on what is at the path.
@Suite(.ownThreads, .serialized) struct WatchRootMovedTests {
    @Test(.timeLimit(.minutes(2)), arguments: [false, true])
    func aRootMovedAwayEndsTheWatcherWithTheReason(swappedForACopy: Bool) throws {
        let setUp = try WatchedIndex(articles: 3)
        let folder = setUp.corpus.folder
        // Its start's pass is over (the first summary line) before the folder moves.
        for _ in 0..<200 where setUp.watcher.program.written.stdout.isEmpty { usleep(50_000) }
        #expect(!setUp.watcher.program.written.stdout.isEmpty, "the watcher did not start")
        #expect(rename(folder, folder + "-old") == 0)
        if swappedForACopy {
            let copied = try runProgram("/bin/cp", ["-r", folder + "-old", folder])
            #expect(copied.status == 0, "\(copied.stderr)")
        }
        var ended: Finished?
        for _ in 0..<100 where ended == nil {
            if !setUp.watcher.program.process.isRunning { ended = setUp.watcher.program.finish() }
            usleep(100_000)
        }
        let finished = try #require(ended, "the watcher went on watching the moved folder")
        #expect(finished.status == 2)
        #expect(finished.stderr.contains("moved, renamed or replaced"), "\(finished.stderr)")
    }
}
