import NIOCore

/// Runs a connection's task (its subscription events, its wait for the close) on its channel's
/// event loop: on Swift's global pool every event written would cross threads twice more, and
/// on a virtual machine each crossing is a wake-up costing tens to hundreds of microseconds.
/// Only light work runs here; requests do not use tasks at all (`ConnectionHandler`).
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
