import Foundation
import Synchronization

/// `trawl-index --watch`: watches the articles root (inotify, every folder the scan walks, new
/// ones as they appear), and writes what changes to the live generation in small batches.
///
/// It starts with an incremental run, so that nothing changed while it was down is missed; the
/// watches are in place before that run scans, so nothing slips between the two. After that, a
/// path that changes is looked at once its first event is `debounce` old (or the batch is
/// `maxBatch` paths long): a file is read once closed after writing or renamed into place, never
/// half-written. A lost event (the kernel's queue overflowed) is made good by another
/// incremental run. Each batch holds the live writer lock only while it writes, so incremental
/// runs and a rebuild's catch-up come in between (docs/design/watch.md).
public final class Watcher {
    public let indexer: Indexer
    /// How long a batch collects events from its first one.
    public var debounce: Duration = .milliseconds(200)
    /// The most paths a batch takes before it is written.
    public var maxBatch = 1000
    private let control: WatchControl
    private var folders: WatchedFolders
    /// News for the operator that is not a batch's summary: a wait for room, and its end.
    public var notice: (String) -> Void = { _ in }
    private let batch: LiveBatch

    public init(indexer: Indexer) throws(IndexerError) {
        self.indexer = indexer
        let inotify: Inotify
        do { inotify = try Inotify() } catch { throw .filesystem(error.description) }
        control = WatchControl(inotify: inotify)
        folders = WatchedFolders(root: indexer.options.articlesRoot, inotify: inotify)
        batch = LiveBatch(indexer: indexer)
    }

    /// Ends `run` from any thread (a signal handler's queue): the batch being collected is written first.
    public var stopper: WatchControl { control }

    /// Runs until stopped; `report` gets the first run's summary, then each batch's (and each
    /// overflow's run). Throws when the watcher cannot go on (the root went away, the index failed).
    public func run(report: (IndexSummary) -> Void) throws(IndexerError) {
        let root = FolderIdentity(indexer.options.articlesRoot)
        try fullPass(report: report)
        var pending = Set<String>()
        var batchStarted: ContinuousClock.Instant?
        // A batch deleted articles (since when): a pass over every file follows once the events
        // already queued are written, or after `followUpAtLatest` on a feed that never pauses.
        var deletionsToFollow: ContinuousClock.Instant?
        while true {
            let stopping = control.isStopped
            let waitFor =
                deletionsToFollow != nil && pending.isEmpty
                ? .zero : batchStarted.map { max(.zero, $0 + debounce - .now) } ?? Self.rootCheckInterval
            let events = stopping ? [] : control.inotify.wait(milliseconds: Self.milliseconds(waitFor))
            let changes = folders.changes(in: events)
            if changes.rootGone {
                throw .articlesRoot(FileProblemError(FileProblem(path: indexer.options.articlesRoot, reason: "the articles folder went away")))
            }
            // The watches follow the folder, not its path: a root renamed, or swapped for a new
            // copy, would go on being watched where it went, and the path's new files never read.
            if root != nil, FolderIdentity(indexer.options.articlesRoot) != root {
                throw .articlesRoot(FileProblemError(FileProblem(
                    path: indexer.options.articlesRoot,
                    reason: "the articles folder was moved, renamed or replaced while it was watched; start the watcher"
                        + " again to watch what is at that path now")))
            }
            if changes.overflowed {
                // Events were lost: an incremental run over everything stands in for them.
                pending = []
                batchStarted = nil
                deletionsToFollow = nil
                try fullPass(report: report)
                continue
            }
            pending.formUnion(changes.paths)
            // An article a batch deleted may have an id that a file outside the batch also holds (it
            // lost to this one, which came first in path order): only a pass over every file finds
            // it, as an incremental run would. It waits until no event is queued: run while a big
            // deletion's events were still queued, it saw the rest of the files gone as a mass
            // delete and ended the watcher.
            if let since = deletionsToFollow, pending.isEmpty || ContinuousClock.now - since >= Self.followUpAtLatest, !stopping {
                deletionsToFollow = nil
                try followDeletions(report: report)
                continue
            }
            if !pending.isEmpty, batchStarted == nil { batchStarted = .now }
            let due = batchStarted.map { ContinuousClock.now >= $0 + debounce } ?? false
            if !pending.isEmpty, due || pending.count >= maxBatch || stopping {
                guard let written = try write(pending, report: report) else { return }
                // Folders the batch found and began watching are read again by the next one: a
                // file renamed into one between its scan and its watch has no event of its own.
                pending = stopping ? [] : written.newFolders
                batchStarted = pending.isEmpty ? nil : .now
                if written.deleted > 0, deletionsToFollow == nil { deletionsToFollow = .now }
            }
            if stopping { return }
        }
    }

    /// One batch under the live writer lock; returns the folders it began watching and how many
    /// articles it deleted, nil when told to stop while waiting for the lock (the paths are left for
    /// the next start's incremental run).
    private func write(_ paths: Set<String>, report: (IndexSummary) -> Void) throws(IndexerError)
        -> (newFolders: Set<String>, deleted: Int)?
    {
        guard waitForRoom(), let lock = try indexer.waitForLock(indexer.layout.lockFile, purpose: "watch", while: { !control.isStopped })
        else { return nil }
        let started = Date()
        var outcome = try withExtendedLifetime(lock) { () throws(IndexerError) in try batch.apply(paths) }
        let newFolders = folders.watch(outcome.folders)
        outcome.summary.failures += folders.takeProblems()
        outcome.summary.combineFailuresByFile()
        outcome.summary.seconds = Date().timeIntervalSince(started)
        let summary = outcome.summary
        if summary.added + summary.updated + summary.deleted + summary.failed > 0 { report(summary) }
        return (newFolders, summary.deleted)
    }

    /// The pass that follows deletions. Files gone without an event (a folder unmounted meanwhile)
    /// can still make it a mass delete: then it deletes nothing and says what to do, and the
    /// watcher goes on writing what it sees happen.
    private func followDeletions(report: (IndexSummary) -> Void) throws(IndexerError) {
        do {
            try fullPass(report: report, onlyChanges: true)
        } catch .massDelete(let deleting, let documents, _, _) {
            notice(
                "\(deleting) of \(documents) articles' files are gone without the watcher seeing them go (a folder"
                    + " unmounted?); nothing was deleted: run trawl-index, with --allow-mass-delete if they are gone for good")
        }
    }

    /// Watches every folder, then runs incrementally (waiting while another run holds a lock).
    /// `onlyChanges`: its summary is reported only when it changed something.
    private func fullPass(report: (IndexSummary) -> Void, onlyChanges: Bool = false) throws(IndexerError) {
        do { folders.watch(try FileScanner.scan(root: indexer.options.articlesRoot).folders) } catch { throw .articlesRoot(error) }
        guard waitForRoom() else { return }
        while true {
            do {
                var summary = try indexer.run(rebuild: false)
                summary.failures += folders.takeProblems()
                summary.combineFailuresByFile()
                if onlyChanges, summary.added + summary.updated + summary.deleted == 0 { return }
                return report(summary)
            } catch .locked(.held) {
                if control.isStopped { return }  // stopped while another run held the lock
                usleep(200_000)
            }
        }
    }

    /// Waits while the index has less room than `ingest.min_free_mb`, saying so when the wait
    /// begins and ends: a commit that runs out of room would end the watcher, while the changes
    /// can wait (their events queue in the kernel; a queue that overflows meanwhile is made good by
    /// a full pass). False when told to stop while waiting: the next start's incremental run
    /// writes what changed.
    private func waitForRoom() -> Bool {
        let layout = indexer.layout, minimum = indexer.options.minimumRoom
        guard let shortfall = IndexRoom.shortfall(in: layout, minimum: minimum) else { return true }
        notice("waiting for room: \(shortfall); free space on the index's file system, and what changed meanwhile is written then")
        let started = ContinuousClock.now
        while !control.isStopped {
            if control.sleep(milliseconds: Self.roomCheckMilliseconds), IndexRoom.shortfall(in: layout, minimum: minimum) == nil {
                notice("room again after \(Int((ContinuousClock.now - started).components.seconds)) s: writing what changed meanwhile")
                return true
            }
        }
        return false
    }

    /// The longest the pass after a deleting batch waits for a pause in the events.
    static let followUpAtLatest = Duration.seconds(10)

    /// How often an idle watcher makes sure its root is still the folder at its path.
    static let rootCheckInterval = Duration.seconds(2)

    /// How often a watcher waiting for room looks again.
    static let roomCheckMilliseconds = 500

    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(clamping: duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// Stops a running `Watcher` from any thread.
public final class WatchControl: Sendable {
    let inotify: Inotify
    private let stopped = Atomic(false)

    init(inotify: Inotify) { self.inotify = inotify }

    public func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        inotify.interrupt()
    }

    var isStopped: Bool { stopped.load(ordering: .sequentiallyConsistent) }

    /// Sleeps for about `milliseconds`, less when stopped meanwhile; true when it slept it all.
    func sleep(milliseconds: Int) -> Bool {
        for _ in 0..<max(1, milliseconds / 50) {
            if isStopped { return false }
            usleep(50_000)
        }
        return !isStopped
    }
}

/// A folder's device and inode: which folder a path names right now.
struct FolderIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    /// Nil when nothing is at `path`.
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
