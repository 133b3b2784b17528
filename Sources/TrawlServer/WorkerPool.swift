import Foundation
import Logging
import TrawlCore
import TrawlProtocol

/// Runs index work off the event loops: a fixed set of threads, each owning its own
/// `IndexReader` (Xapian handles are not thread-safe), fed from one bounded FIFO queue.
///
/// When the queue is full, new work is refused with `overloaded` rather than buffered
/// without bound; work that waited in the queue longer than its budget gets `timeout`.
public final class WorkerPool: Sendable {
    /// Reader threads.
    public let workerCount: Int
    private let state: State
    private let layout: IndexLayout
    private let stemLanguage: String
    private let shardTimeouts: ShardTimeouts
    private let shardLexicon: String?
    private let shardReplicas: ShardReplicas
    /// Probes a sharded index's shard hosts (idle when the index is one database).
    let monitor: ShardMonitor
    private let logger: Logger

    /// Shared by the threads and the submitters; every field is guarded by `condition`.
    /// NOTE: `@unchecked` because NSCondition, not the type system, provides the exclusion.
    private final class State: @unchecked Sendable {
        let condition = NSCondition()
        var queue: JobQueue
        /// Bumped on every generation switch (or forced reload): workers reopen fresh.
        var epoch = 0
        /// Bumped on every poll: workers `reopen()` before their next job to see new commits.
        var tick = 0
        var stopping = false
        var alive = 0
        var exitWaiters: [CheckedContinuation<Void, Never>] = []

        init(capacity: Int) { queue = JobQueue(capacity: capacity) }
    }

    /// - Parameters:
    ///   - workers: reader threads (at least 1).
    ///   - queueSize: jobs allowed to wait for a thread; more are refused with `overloaded`.
    ///   - shardTimeouts, shardLexicon, shardReplicas: for remote shards (`shards.*`).
    public init(
        indexPath: String, stemLanguage: String, workers: Int, queueSize: Int,
        shardTimeouts: ShardTimeouts = ShardTimeouts(), shardLexicon: String? = nil, shardReplicas: ShardReplicas = .none,
        logger: Logger
    ) {
        workerCount = max(1, workers)
        state = State(capacity: queueSize)
        layout = IndexLayout(root: indexPath)
        self.stemLanguage = stemLanguage
        self.shardTimeouts = shardTimeouts
        self.shardLexicon = shardLexicon
        self.shardReplicas = shardReplicas
        monitor = ShardMonitor(layout: layout, timeouts: shardTimeouts, replicas: shardReplicas, logger: logger)
        self.logger = logger
    }

    /// Starts the threads; each opens the index (if there is one) right away.
    public func start() {
        monitor.start()
        state.condition.withLock { state.alive = workerCount }
        for number in 0..<workerCount {
            // A big stack: Xapian's matcher recurses on deep queries.
            NamedThread.start("trawld-worker-\(number)", stackSize: 8 << 20) { [self] in
                var workerLogger = logger
                workerLogger[metadataKey: "worker"] = "\(number)"
                Self.work(state, makeIndex(logger: workerLogger))
            }
        }
    }

    /// A handle on the index like a worker's, for a thread of the caller's (the subscription
    /// matcher); bring it up to date with `refreshMarks` before each use.
    func makeIndex(logger: Logger) -> WorkerIndex {
        WorkerIndex(
            layout: layout, stemLanguage: stemLanguage, shardTimeouts: shardTimeouts, shardLexicon: shardLexicon,
            shardReplicas: shardReplicas, monitor: monitor, logger: logger)
    }

    /// The switch counter and poll tick a handle of `makeIndex` passes to `WorkerIndex.refresh`.
    var refreshMarks: (epoch: Int, tick: Int) { state.condition.withLock { (state.epoch, state.tick) } }

    /// Runs `work` on a worker thread with that worker's index, and returns its result.
    /// `work` receives the time left of `budget` after the wait in the queue.
    /// Throws `overloaded` when the queue is full, `timeout` when the wait used the budget up.
    func run<T: Sendable>(
        budget: Duration?, _ work: @escaping @Sendable (WorkerIndex, Duration?) throws(ProtocolError) -> T
    ) async throws(ProtocolError) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, ProtocolError>, Never>) in
            let job = Job(
                enqueued: .now, budget: budget,
                run: { index, remaining in
                    continuation.resume(returning: Result { () throws(ProtocolError) -> T in try work(index, remaining) })
                },
                refuse: { continuation.resume(returning: .failure($0)) })
            if let refusal = enqueue(job) { continuation.resume(returning: .failure(refusal)) }
        }
        return try result.get()
    }

    /// Jobs waiting for a thread right now.
    public var queued: Int { state.condition.withLock { state.queue.count } }

    /// A new generation is live (or a reload was asked for): every worker opens the index fresh,
    /// idle ones at once, busy ones after their current job.
    public func indexSwitched() {
        state.condition.withLock {
            state.epoch += 1
            state.condition.broadcast()
        }
    }

    /// The poll ticked: each worker `reopen()`s before its next job, to see incremental commits.
    public func pollTicked() {
        state.condition.withLock { state.tick += 1 }
    }

    /// Lets queued and running jobs finish, stops the threads and closes their readers.
    public func shutdown() async {
        monitor.stop()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.condition.withLock {
                state.stopping = true
                state.condition.broadcast()
                if state.alive == 0 { return true }
                state.exitWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func enqueue(_ job: Job) -> ProtocolError? {
        state.condition.withLock {
            if state.stopping { return ProtocolError(.internal, "the server is shutting down") }
            if state.queue.isFull {
                return ProtocolError(
                    .overloaded, "the server is busy (\(state.queue.count) requests waiting); try again shortly")
            }
            state.queue.push(job)
            state.condition.signal()
            return nil
        }
    }

    /// A worker thread's loop: refresh the index when told, take jobs in order, exit when
    /// stopping and the queue is empty.
    private static func work(_ state: State, _ index: WorkerIndex) {
        while let (job, tick) = nextJob(state, index) {
            index.refresh(epoch: index.epoch, tick: tick)
            index.followShardHealth()
            let waited = ContinuousClock.now - job.enqueued
            if let budget = job.budget, waited >= budget {
                job.refuse(ProtocolError(.timeout, "the request waited \(milliseconds(waited)) ms for a worker, over its time budget of \(milliseconds(budget)) ms"))
            } else {
                job.run(index, job.budget.map { $0 - waited })
            }
        }
        index.close()
        let waiters = state.condition.withLock {
            state.alive -= 1
            return state.alive == 0 ? state.exitWaiters : []
        }
        waiters.forEach { $0.resume() }
    }

    /// Waits for a job; refreshes the index (outside the lock) whenever the epoch moves.
    /// Nil when the pool is stopping and nothing is left to do.
    private static func nextJob(_ state: State, _ index: WorkerIndex) -> (Job, Int)? {
        while true {
            state.condition.lock()
            var idle = false
            while state.queue.isEmpty, !state.stopping, state.epoch == index.epoch, !idle {
                idle = !state.condition.wait(until: Date(timeIntervalSinceNow: ShardUpkeep.keepAliveInterval))
            }
            if idle, state.queue.isEmpty, !state.stopping, state.epoch == index.epoch {
                state.condition.unlock()
                index.keepShardsAlive()
                continue
            }
            let (epoch, tick) = (state.epoch, state.tick)
            if epoch != index.epoch {
                state.condition.unlock()
                index.refresh(epoch: epoch, tick: tick)
                continue
            }
            let job = state.queue.pop()
            state.condition.unlock()
            return job.map { ($0, tick) }
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
