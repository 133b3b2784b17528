import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The subscription matcher's thread: rounds at a steady interval, at a lower CPU priority than
/// the workers. Alerts may wait a little; searches should not: when a search wakes a worker while a
/// round runs, the kernel gives the core to the worker (Linux: a nice value per thread). Its own
/// thread also keeps the matcher's Xapian handle on one thread, as the workers' are.
enum MatcherThread {
    /// Added to the thread's nice value: at 10 it weighs about a tenth of a worker on a busy core.
    static let niceness: Int32 = 10

    /// Runs `start` on the new thread (it makes what the rounds use, e.g. a reader), then the round
    /// it returns every `interval`, until the calling task is cancelled.
    static func run(every interval: Duration, _ start: @escaping @Sendable () -> () -> Void) async {
        let stop = StopSignal()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                // A big stack: Xapian's matcher recurses on deep queries.
                NamedThread.start("trawld-matcher", stackSize: 8 << 20) {
                    lowerPriority()
                    let round = start()
                    while !stop.wait(interval) { round() }
                    done.resume()
                }
            }
        } onCancel: {
            stop.signal()
        }
    }

    /// The calling thread's nice value raised by `niceness`. On Linux the nice value is a thread's
    /// own, and `setpriority` with who 0 changes the caller's; elsewhere the thread keeps its priority.
    private static func lowerPriority() {
        #if os(Linux)
        let process = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let now = getpriority(process, 0)
        if errno == 0 { _ = setpriority(process, 0, min(now + niceness, 19)) }
        #endif
    }
}

/// A stop that also ends a wait at once.
/// NOTE: `@unchecked` because NSCondition, not the type system, guards `stopped`.
private final class StopSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false

    func signal() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    /// Waits `interval` or until stopped; whether it was stopped.
    func wait(_ interval: Duration) -> Bool {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let deadline = Date(timeIntervalSinceNow: seconds)
        return condition.withLock {
            while !stopped, condition.wait(until: deadline) {}
            return stopped
        }
    }
}
