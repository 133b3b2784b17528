import Logging
import NIOCore
import NIOPosix
import Synchronization
import TrawlCore

/// One index reader per event loop of a daemon, used only on its loop: light requests run inline
/// on the loop that read them, with no hop to another thread (see `IndexRouter`).
///
/// Owned by one daemon, not global: tests run several daemons in one process. Like the pool's
/// workers, a loop's reader opens afresh after a generation switch (at once, even when the loop
/// is idle, so old generations' handles close) and `reopen()`s after a poll tick before its next
/// request. (NIO's loop threads get the default thread stack, `ulimit -s`, 8 MB as a rule: as
/// much as the pool's workers are given for Xapian's recursion on deep queries.)
final class LoopReaders: Sendable {
    private let boxes: [ObjectIdentifier: NIOLoopBoundBox<WorkerIndex?>]
    private let loops: [any EventLoop]
    private let layout: IndexLayout
    private let stemLanguage: String
    private let logger: Logger
    /// Bumped on every generation switch (or forced reload), as `WorkerPool`'s.
    private let epoch = Atomic(0)
    /// Bumped on every poll, as `WorkerPool`'s.
    private let tick = Atomic(0)

    init(group: any EventLoopGroup, indexPath: String, stemLanguage: String, logger: Logger) {
        loops = group.makeIterator().map { $0 }
        var boxes: [ObjectIdentifier: NIOLoopBoundBox<WorkerIndex?>] = [:]
        for loop in loops { boxes[ObjectIdentifier(loop)] = .makeEmptyBox(valueType: WorkerIndex.self, eventLoop: loop) }
        self.boxes = boxes
        layout = IndexLayout(root: indexPath)
        self.stemLanguage = stemLanguage
        self.logger = logger
    }

    /// Opens every loop's reader now rather than on its first request.
    func start() {
        for loop in loops { loop.execute { _ = self.readerHere() } }
    }

    /// The reader of the event loop this runs on, brought up to date; nil off this daemon's loops.
    func readerHere() -> WorkerIndex? {
        guard let loop = MultiThreadedEventLoopGroup.currentEventLoop, let box = boxes[ObjectIdentifier(loop)] else {
            return nil
        }
        let index = box.value ?? makeIndex(loop)
        box.value = index
        index.refresh(epoch: epoch.load(ordering: .acquiring), tick: tick.load(ordering: .acquiring))
        return index
    }

    /// A new generation is live (or a reload was asked for): every loop opens it fresh, idle
    /// ones at once, busy ones after their current request.
    func indexSwitched() {
        epoch.add(1, ordering: .releasing)
        start()
    }

    /// The poll ticked: each loop `reopen()`s before its next request, to see incremental commits.
    func pollTicked() {
        tick.add(1, ordering: .releasing)
    }

    /// Closes every loop's reader on its loop (after the last request has been answered).
    func close() async {
        for loop in loops {
            guard let box = boxes[ObjectIdentifier(loop)] else { continue }
            try? await loop.submit {
                box.value?.close()
                box.value = nil
            }.get()
        }
    }

    private func makeIndex(_ loop: any EventLoop) -> WorkerIndex {
        var loopLogger = logger
        loopLogger[metadataKey: "loop"] = "\(loops.firstIndex { $0 === loop } ?? -1)"
        return WorkerIndex(layout: layout, stemLanguage: stemLanguage, logger: loopLogger)
    }
}
