import Foundation

/// A task executor that never makes a job wait for a busy thread: a job goes to an idle thread
/// of its own, or to a new one. Tests that block (process waits, sockets, sleeps) run here
/// instead of on Swift's cooperative pool, which has one thread per core: two blocked tests on a
/// 2-core machine used to stall every other test, and their time limits kept counting.
/// How many tests run at once is bounded by the test runner (`scripts/test`), not here.
/// NOTE: `@unchecked Sendable`: `jobs` and `idleThreads` are only touched under `condition`.
public final class ThreadPerJobExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = ThreadPerJobExecutor()

    private static let marker = "trawl-tests.own-thread"
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var idleThreads = 0

    private init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let needsThread = condition.withLock {
            jobs.append(job)
            // Each queued job needs a waiting thread of its own; woken threads still count as
            // idle until they take a job, so compare against the whole queue.
            guard idleThreads < jobs.count else {
                condition.signal()
                return false
            }
            return true
        }
        if needsThread { startThread() }
    }

    /// Whether the caller runs on one of this executor's threads.
    /// (A marker, not the name: Linux keeps a thread name to 15 bytes and silently refuses longer.)
    public static var isCurrentThread: Bool { Thread.current.threadDictionary[marker] != nil }

    private func startThread() {
        let thread = Thread { [self] in
            Thread.current.threadDictionary[Self.marker] = true
            runJobs()
        }
        thread.name = "trawl-test"
        thread.stackSize = 8 << 20  // deep-nesting tests recurse; match the main thread's default
        thread.start()
    }

    private func runJobs() {
        let executor = asUnownedTaskExecutor()
        while true {
            let job = condition.withLock {
                while jobs.isEmpty {
                    idleThreads += 1
                    condition.wait()
                    idleThreads -= 1
                }
                return jobs.removeFirst()
            }
            job.runSynchronously(on: executor)
        }
    }
}
