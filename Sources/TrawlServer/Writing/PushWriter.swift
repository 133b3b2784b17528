import Foundation
import Logging
import TrawlCore
import TrawlProtocol

/// trawld's writer: one thread of its own that commits pushed changes in groups. Changes that
/// arrive while a batch is being written wait for the next one, so a burst of puts costs one
/// Xapian commit and one folder sync per batch, not per article; event loops and the
/// cooperative pool only wait for an answer, never for the disk or the lock.
final class PushWriter: Sendable {
    private let state = State()
    private let pool: WorkerPool
    private let logger: Logger

    /// The queue and its thread's life; every field is guarded by `condition`.
    /// NOTE: `@unchecked` because NSCondition, not the type system, provides the exclusion.
    private final class State: @unchecked Sendable {
        let condition = NSCondition()
        var pending: [Pending] = []
        var stopping = false
        var stopped: CheckedContinuation<Void, Never>?
        var exited = false
    }

    private struct Pending {
        let change: PushedChange
        let wait: Bool
        let answer: CheckedContinuation<Result<CommittedChange, ProtocolError>, Never>
    }

    /// Starts the thread. `batch` is made on it and used by it alone (Xapian handles stay on one thread).
    init(pool: WorkerPool, logger: Logger, batch: @escaping @Sendable () -> PushBatch) {
        self.pool = pool
        self.logger = logger
        NamedThread.start("trawld-writer") { [state, pool, logger] in
            Self.work(state, batch(), pool: pool, logger: logger)
        }
    }

    /// Queues one change and waits for its batch to commit (and, with `wait`, for the readers to see it).
    func submit(_ change: PushedChange, wait: Bool) async throws(ProtocolError) -> CommittedChange {
        let result = await withCheckedContinuation { (answer: CheckedContinuation<Result<CommittedChange, ProtocolError>, Never>) in
            let refused = state.condition.withLock {
                if state.stopping { return true }
                state.pending.append(Pending(change: change, wait: wait, answer: answer))
                state.condition.signal()
                return false
            }
            if refused { answer.resume(returning: .failure(ProtocolError(.internal, "the server is shutting down"))) }
        }
        return try result.get()
    }

    /// Answers what is queued, then ends the thread.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.condition.withLock {
                state.stopping = true
                state.condition.signal()
                if state.exited { return true }
                state.stopped = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }

    private static func work(_ state: State, _ batch: PushBatch, pool: WorkerPool, logger: Logger) {
        while let group = next(state) {
            let started = ContinuousClock.now
            let results = batch.run(group.map(\.change))
            // Readers reopen before their next request: from now on a search finds the batch.
            if group.contains(where: \.wait) { pool.pollTicked() }
            logger.debug("pushed changes committed", metadata: [
                "changes": "\(group.count)", "ms": "\(RequestDispatcher.milliseconds(since: started))",
            ])
            for (pending, result) in zip(group, results) { pending.answer.resume(returning: result) }
        }
        let stopped = state.condition.withLock {
            state.exited = true
            return state.stopped
        }
        stopped?.resume()
    }

    /// Everything queued, once there is something; nil when stopping with nothing left.
    private static func next(_ state: State) -> [Pending]? {
        state.condition.withLock {
            while state.pending.isEmpty, !state.stopping { state.condition.wait() }
            guard !state.pending.isEmpty else { return nil }
            defer { state.pending = [] }
            return state.pending
        }
    }
}
