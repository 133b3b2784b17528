import Foundation

/// Runs the in-process daemon's tasks on threads of its own instead of Swift's cooperative pool
/// or Dispatch's. Both of those have about one thread per core, and the integration tests in
/// this same process block their threads for tens of seconds (they wait on child processes);
/// on a 2-core machine that starved the in-process daemon until its test client timed out.
/// NOTE: `@unchecked Sendable`: `jobs` is only touched under `condition`.
final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = DedicatedExecutor(threads: 4)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init(threads: Int) {
        for number in 0..<threads {
            let thread = Thread { [unowned self] in runJobs() }
            thread.name = "trawl-tests.daemon-\(number)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    private func runJobs() {
        let executor = asUnownedTaskExecutor()
        while true {
            let job = condition.withLock {
                while jobs.isEmpty { condition.wait() }
                return jobs.removeFirst()
            }
            job.runSynchronously(on: executor)
        }
    }
}
