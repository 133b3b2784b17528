import TrawlCore
import TrawlProtocol

/// A request's work, waiting for a worker thread.
struct Job: Sendable {
    /// When the job was queued: a job that waited past its budget is answered `timeout`.
    let enqueued: ContinuousClock.Instant
    let budget: Duration?
    /// Runs the work on a worker thread with the budget left, and delivers the answer.
    let run: @Sendable (WorkerIndex, Duration?) -> Void
    /// Delivers a refusal instead (waited too long in the queue).
    let refuse: @Sendable (ProtocolError) -> Void
}

/// A FIFO of jobs with a fixed capacity. Not thread-safe: `WorkerPool` guards it.
struct JobQueue {
    let capacity: Int
    private var slots: [Job?] = []
    private var head = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { slots.count - head }
    var isEmpty: Bool { count == 0 }
    var isFull: Bool { count >= capacity }

    mutating func push(_ job: Job) {
        slots.append(job)
    }

    mutating func pop() -> Job? {
        guard head < slots.count else { return nil }
        let job = slots[head]
        slots[head] = nil
        head += 1
        // Compact now and then, so the array does not grow with the total ever queued.
        if head == slots.count {
            slots.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= slots.count {
            slots.removeFirst(head)
            head = 0
        }
        return job
    }
}
