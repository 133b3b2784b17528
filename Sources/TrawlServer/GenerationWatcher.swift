import Foundation
import Logging
import TrawlCore

/// Notices a new index generation by itself: polls the `current` stub's identity and content
/// (the indexer switches generations by renaming a new stub over it) about every 200 ms.
///
/// A change makes every worker open the index fresh (this also covers "no index yet" →
/// "index built"); every poll also ticks the pool, so workers `reopen()` before their next
/// query and see incremental commits to the live generation.
struct GenerationWatcher: Sendable {
    let layout: IndexLayout
    let pool: WorkerPool
    let logger: Logger
    var interval: Duration = .milliseconds(200)

    /// What identifies one version of the stub: a rename gives a new inode; the content and
    /// mtime guard against the rare reuse of an inode number.
    struct Signature: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var modified: timespec_pair
        var content: String
    }

    /// `timespec` is not Equatable; this is its comparable form.
    struct timespec_pair: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
    }

    /// The stub as it is now; nil when there is none (no index built yet).
    func signature() -> Signature? {
        var info = stat()
        guard stat(layout.currentStub, &info) == 0,
            let content = try? String(contentsOfFile: layout.currentStub, encoding: .utf8)
        else { return nil }
        return Signature(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
            modified: timespec_pair(seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec),
            content: content)
    }

    /// Polls until the task is cancelled. `initial` is the stub as the workers first saw it.
    func run(from initial: Signature?) async {
        var last = initial
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return  // cancelled: the daemon is stopping
            }
            let now = signature()
            if now != last {
                announce(from: last, to: now)
                last = now
                pool.indexSwitched()
            } else {
                pool.pollTicked()
            }
        }
    }

    private func announce(from old: Signature?, to new: Signature?) {
        let generation = layout.currentGeneration().map { "\($0)" } ?? "?"
        switch (old, new) {
        case (nil, .some):
            logger.info("index appeared; serving it", metadata: ["generation": "\(generation)", "index": "\(layout.root)"])
        case (.some, nil):
            logger.warning("the index's current stub disappeared", metadata: ["stub": "\(layout.currentStub)"])
        default:
            logger.info("new index generation; switching", metadata: ["generation": "\(generation)"])
        }
    }
}
