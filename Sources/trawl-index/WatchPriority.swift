import Foundation
import Synchronization

/// `--watch`'s CPU priority: its threads run in Linux's idle scheduling class, so that a search
/// waking in trawld takes a core at once instead of at the end of the watcher's time slice (nice
/// values and CPU weights do not do that; README, "Alerts"). An idle-class thread gets almost no
/// CPU while other work keeps every core busy (articles took 30-97 s to become searchable beside
/// two busy processes), so a guard thread in the normal class looks every 100 ms at how long the
/// watcher's threads waited for a CPU, and moves them to the normal class (at the process's nice
/// value) while they wait more than half the time; back to the idle class once they have nothing
/// to do and waited for no CPU for 5 s.
enum WatchPriority {
    // Linux's SCHED_IDLE and SCHED_OTHER (SCHED_IDLE is not imported into Swift).
    fileprivate static let idleClass: Int32 = 5
    fileprivate static let normalClass: Int32 = 0

    /// Puts indexing in the idle class, guarded. Returns why not when this process could not leave
    /// the idle class again (as an unprivileged user, a nice value below RLIMIT_NICE's bound).
    static func yieldToSearches() -> String? {
        guard mayLeaveIdleClass() else {
            let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            return "indexing stays in the normal scheduling class: leaving the idle class again needs "
                + "RLIMIT_NICE of at least \(20 - nice) (systemd: LimitNICE=+\(nice)) or CAP_SYS_NICE"
        }
        let watching = Thread {
            var starvation = StarvationGuard()
            starvation.run()
        }
        watching.name = "watch-priority"
        watching.start()
        return nil
    }

    /// Whether a thread of this process may go to the idle class and back, tried on a thread of its own.
    private static func mayLeaveIdleClass() -> Bool {
        let outcome = ProbeOutcome()
        let probe = Thread {
            var parameters = sched_param(sched_priority: 0)
            let allowed = sched_setscheduler(0, idleClass, &parameters) == 0 && sched_setscheduler(0, normalClass, &parameters) == 0
            outcome.finish(allowed)
        }
        probe.start()
        return outcome.wait()
    }
}

private final class ProbeOutcome: Sendable {
    private let allowed = Atomic(false)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ value: Bool) {
        allowed.store(value, ordering: .sequentiallyConsistent)
        done.signal()
    }

    func wait() -> Bool {
        done.wait()
        return allowed.load(ordering: .sequentiallyConsistent)
    }
}

/// The guard's loop (on its own thread, which stays in the normal class).
private struct StarvationGuard {
    static let window: UInt64 = 100_000_000  // ns
    /// How long the threads stay in the normal class after they last waited for a CPU there (10% of
    /// a window): a machine busy now is likely busy in the next seconds, and each move back to the
    /// idle class costs another window of starving (a stream of files on a busy machine: p95 2 s ->
    /// 3.4 s without the hold, 2.2 s with a hold counted from starving only).
    static let hold: Duration = .seconds(5)
    let ownThread = ThreadStats.currentThreadID()
    var idle = true
    var lastStarved = ContinuousClock.now - .seconds(3600)
    var previous: [Int32: ThreadStats] = [:]

    mutating func run() {
        var parameters = sched_param(sched_priority: 0)
        _ = sched_setscheduler(0, WatchPriority.normalClass, &parameters)  // in case the process was started idle
        while true {
            // One look a window: the threads, their times, then the class they should be in.
            let current = ThreadStats.all(except: ownThread)
            var ran: UInt64 = 0, waited: UInt64 = 0
            for (thread, now) in current {
                guard let before = previous[thread] else { continue }
                ran += now.ran &- before.ran
                waited += now.waited &- before.waited
            }
            previous = current
            if idle ? waited > Self.window / 2 : waited > Self.window / 10 {
                idle = false  // starved (or, in the normal class, still waiting): other work keeps the cores busy
                lastStarved = .now
            } else if !idle, ran + waited < Self.window / 20, ContinuousClock.now - lastStarved > Self.hold {
                idle = true  // caught up, and the cores have been free for a while
            }
            apply(to: current.keys)
            usleep(useconds_t(Self.window / 1000))
        }
    }

    /// The threads in the wanted class (threads started since the last look too).
    private func apply(to threads: Dictionary<Int32, ThreadStats>.Keys) {
        let wanted = idle ? WatchPriority.idleClass : WatchPriority.normalClass
        var parameters = sched_param(sched_priority: 0)
        for thread in threads where sched_getscheduler(thread) != wanted {
            _ = sched_setscheduler(thread, wanted, &parameters)  // a thread that just ended is no matter
        }
    }
}

/// A thread's time on a CPU and waiting for one, in ns (/proc/self/task/TID/schedstat).
private struct ThreadStats {
    let ran: UInt64
    let waited: UInt64

    /// This process's thread ids (readdir: FileManager's listing cost most of a look).
    static func threads() -> [Int32] {
        guard let directory = opendir("/proc/self/task") else { return [] }
        defer { closedir(directory) }
        var ids: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let id = Int32(name) { ids.append(id) }
        }
        return ids
    }

    static func all(except skipped: Int32) -> [Int32: ThreadStats] {
        var stats: [Int32: ThreadStats] = [:]
        for thread in threads() where thread != skipped {
            let fields = (read("/proc/self/task/\(thread)/schedstat") ?? "").split(separator: " ")
            if fields.count >= 2, let ran = UInt64(fields[0]), let waited = UInt64(fields[1]) {
                stats[thread] = ThreadStats(ran: ran, waited: waited)
            }
        }
        return stats
    }

    /// The calling thread's id: /proc/thread-self links to "PID/task/TID".
    static func currentThreadID() -> Int32 {
        var target = [CChar](repeating: 0, count: 64)
        let length = readlink("/proc/thread-self", &target, target.count - 1)
        guard length > 0 else { return -1 }
        return Int32(String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: "/").last ?? "") ?? -1
    }

    /// A small /proc file (their size reads as 0, so read until the end).
    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = Foundation.read(fd, &buffer, buffer.count)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }
}
