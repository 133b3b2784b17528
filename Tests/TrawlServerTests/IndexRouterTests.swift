import Logging
import NIOCore
import NIOPosix
import Testing
import TrawlCore
import TrawlProtocol

@testable import TrawlServer
import TrawlTestSupport

/// Where index work runs (`IndexRouter`): light work inline on the event loop it is asked from,
/// with that loop's reader; `.pool` work, and work asked for off the daemon's loops, on the pool;
/// an inline run that used up its slice while budget remains again on the pool, with the rest.
@Suite(.ownThreads) struct IndexRouterTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Where a piece of work ran, and the budget it was given.
    struct Run: Sendable, Equatable {
        var onLoop: Bool
        var remaining: Duration?
    }

    /// A router over one loop and one pool worker (no index: the work here does not need one).
    func withRouter(_ body: (IndexRouter, any EventLoop) async throws -> Void) async throws {
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let pool = WorkerPool(
            indexPath: "/nonexistent/trawl-test", stemLanguage: "english", workers: 1, queueSize: 4, logger: Self.logger)
        pool.start()
        let readers = LoopReaders(group: loops, indexPath: "/nonexistent/trawl-test", stemLanguage: "english", logger: Self.logger)
        let loop = loops.next()
        try await body(IndexRouter(pool: pool, loops: readers), loop)
        await readers.close()
        await pool.shutdown()
        try await loops.shutdownGracefully()
    }

    /// Runs `router.run` from a task on `loop`, as a connection's tasks run.
    func run(
        _ router: IndexRouter, on loop: any EventLoop, _ place: IndexRouter.Place = .inline, budget: Duration?,
        timingOutUpTo slice: Duration? = nil
    ) async throws(ProtocolError) -> Run {
        let result: Result<Run, ProtocolError> = await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
            do throws(ProtocolError) {
                return .success(
                    try await router.run(place, budget: budget) { _, remaining throws(ProtocolError) in
                        // Stands for a search whose match needs more than `slice`.
                        if let slice, let remaining, remaining <= slice { throw ProtocolError(.timeout, "over the time limit") }
                        return Run(onLoop: MultiThreadedEventLoopGroup.currentEventLoop != nil, remaining: remaining)
                    })
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    @Test func lightWorkRunsInlineWithinTheSliceAndHeavyWorkOnThePool() async throws {
        try await withRouter { router, loop in
            let light = try await run(router, on: loop, budget: .seconds(2))
            #expect(light == Run(onLoop: true, remaining: router.inlineSlice))
            let heavy = try await run(router, on: loop, .pool, budget: .seconds(2))
            #expect(!heavy.onLoop && heavy.remaining.map { $0 > router.inlineSlice && $0 <= .seconds(2) } == true)
            let offTheLoops = try await router.run(budget: nil) { _, remaining in
                Run(onLoop: MultiThreadedEventLoopGroup.currentEventLoop != nil, remaining: remaining)
            }
            #expect(offTheLoops == Run(onLoop: false, remaining: nil))
        }
    }

    @Test func workOverTheSliceMovesToThePoolWithTheRestOfTheBudget() async throws {
        try await withRouter { router, loop in
            let spilled = try await run(router, on: loop, budget: .seconds(2), timingOutUpTo: router.inlineSlice)
            #expect(!spilled.onLoop && spilled.remaining.map { $0 > router.inlineSlice && $0 <= .seconds(2) } == true)
            let noBudget = try await run(router, on: loop, budget: nil, timingOutUpTo: router.inlineSlice)
            #expect(noBudget == Run(onLoop: false, remaining: nil))
        }
    }

    @Test func aBudgetNoLongerThanTheSliceTimesOutInline() async throws {
        try await withRouter { router, loop in
            let failure = await #expect(throws: ProtocolError.self) {
                try await run(router, on: loop, budget: .milliseconds(3), timingOutUpTo: .milliseconds(3))
            }
            #expect(failure?.code == .timeout)
        }
    }
}
