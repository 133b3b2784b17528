import NIOCore

/// Runs a connection's tasks on its channel's event loop.
///
/// On Swift's global pool, every request crossed threads four times (event loop -> the
/// connection's task -> a reader worker -> the task again -> the event loop), and on a virtual
/// machine each crossing is a wake-up costing tens to hundreds of microseconds. With this
/// executor a request crosses twice: to a worker and back. Only light work runs here (framing,
/// decoding a request, writing an answer); Xapian work stays on the workers' threads.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
