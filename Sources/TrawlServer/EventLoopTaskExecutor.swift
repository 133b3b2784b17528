import NIOCore

/// Runs a connection's tasks on its channel's event loop.
///
/// On Swift's global pool, every request crossed threads four times (event loop -> the
/// connection's task -> a reader worker -> the task again -> the event loop), and on a virtual
/// machine each crossing is a wake-up costing tens to hundreds of microseconds. With this
/// executor a light request does not cross at all: its Xapian work runs here too, with the
/// loop's own reader (`IndexRouter`); heavy work crosses twice, to a pool worker and back.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
