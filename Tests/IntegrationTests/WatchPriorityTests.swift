import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `trawl-index --watch` indexes in the idle scheduling class, so that searches take the CPU at
/// once, and a guard moves it to the normal class while it is starved, so that articles still
/// arrive on a machine whose cores are busy (WatchPriority).
@Suite(.ownThreads, .serialized) struct WatchPriorityTests {
    private static let idleClass = 5  // SCHED_IDLE

    @Test(.timeLimit(.minutes(2))) func aWatcherWithNothingToDoIsInTheIdleClassButItsGuard() throws {
        let setUp = try WatchedIndex(articles: 5)
        let classes = try #require(Self.waitFor { () -> [Int]? in
            let now = Self.schedulingClasses(of: setUp.watcher.program.pid)
            return now.filter { $0 != Self.idleClass }.count == 1 && now.count > 1 ? now : nil
        }, "threads' classes: \(Self.schedulingClasses(of: setUp.watcher.program.pid)); \(setUp.watcher.program.written.stderr)")
        #expect(classes.count(where: { $0 == Self.idleClass }) == classes.count - 1)
        #expect(setUp.watcher.stop().status == 0)
    }

    /// The watcher and a process that never sleeps share one CPU: in the idle class alone the watcher
    /// would get almost none of it (an article took 30-97 s beside two busy processes).
    @Test(.timeLimit(.minutes(2))) func aWatcherSharingItsCPUWithABusyProcessStillIndexes() throws {
        let setUp = try WatchedIndex(articles: 5)
        #expect(Self.waitFor { Self.schedulingClasses(of: setUp.watcher.program.pid).contains(Self.idleClass) ? true : nil } != nil)
        let spinner = try StartedProgram("/usr/bin/taskset", ["-c", "0", "/bin/sh", "-c", "while :; do :; done"])
        defer { spinner.kill() }
        let pinned = try runProgram("/usr/bin/taskset", ["-a", "-p", "-c", "0", String(setUp.watcher.program.pid)])
        try #require(pinned.status == 0, "\(pinned.stderr)")

        let started = Date()
        for number in 50..<70 {
            try WatchingIndexer.renameIntoPlace(ArticleCorpus.text(number), at: setUp.corpus.folder + "/" + setUp.corpus.name(number))
        }
        let found = try setUp.connection.waitForMatches(ArticleCorpus.marker(69), [setUp.corpus.name(69)], timeout: 60)
        let took = Date().timeIntervalSince(started)
        #expect(found != nil && took < 10, "the last of 20 articles found after \(found == nil ? "over 60" : String(format: "%.1f", took)) s")
        #expect(setUp.watcher.stop().status == 0)
    }

    /// Each thread's scheduling policy (/proc/PID/task/TID/stat, field 41).
    private static func schedulingClasses(of pid: pid_t) -> [Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.compactMap { task in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8),
                let end = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            return fields.count > 38 ? Int(fields[38]) : nil  // field 41 counts from the pid
        }
    }

    /// Polls `probe` every 50 ms for up to 10 s.
    private static func waitFor<T>(_ probe: () -> T?) -> T? {
        for _ in 0..<200 {
            if let value = probe() { return value }
            usleep(50_000)
        }
        return nil
    }
}
