import Foundation
import Logging
import Testing
import TrawlProtocol
import TrawlCore

@testable import TrawlServer
import TrawlTestSupport

/// The pool runs work on its own threads, refuses work with `overloaded` once its queue is
/// full (instead of buffering without bound), and answers `timeout` for work that waited in
/// the queue past its budget.
@Suite(.ownThreads) struct WorkerPoolTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    func makePool(workers: Int = 1, queue: Int) -> WorkerPool {
        let pool = WorkerPool(
            indexPath: "/nonexistent/trawl-test", stemLanguage: "english", workers: workers, queueSize: queue,
            logger: Self.logger)
        pool.start()
        return pool
    }

    /// Blocks the pool's only worker until `release` is signalled; returns once the worker is busy.
    /// (Waits asynchronously: blocking here would starve the cooperative pool on a 2-core machine.)
    func occupy(_ pool: WorkerPool, until release: DispatchSemaphore) async -> Task<Void, Never> {
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let task = Task {
            _ = try? await pool.run(budget: nil) { _, _ in
                startedContinuation.yield()
                release.wait()  // on the pool's own thread
            }
        }
        for await _ in started { break }
        return task
    }

    @Test func runsWorkAndReturnsItsResult() async throws {
        let pool = makePool(workers: 2, queue: 4)
        let value = try await pool.run(budget: nil) { index, _ in index.generation + 41 }
        #expect(value == 41)
        let failure = await #expect(throws: ProtocolError.self) {
            try await pool.run(budget: nil) { index, _ throws(ProtocolError) in _ = try index.currentReader() }
        }
        #expect(failure?.code == .noIndex)
        #expect(failure?.message.contains("trawl-index") == true)
        await pool.shutdown()
    }

    @Test func refusesWithOverloadedWhenTheQueueIsFull() async throws {
        let pool = makePool(queue: 1)
        let release = DispatchSemaphore(value: 0)
        let busy = await occupy(pool, until: release)
        // One job may wait...
        let waiting = Task { try await pool.run(budget: nil) { _, _ in 1 } }
        while pool.queued < 1 { try await Task.sleep(for: .milliseconds(5)) }
        // ...the next is refused at once.
        let failure = await #expect(throws: ProtocolError.self) { try await pool.run(budget: nil) { _, _ in 2 } }
        #expect(failure?.code == .overloaded)
        release.signal()
        await busy.value
        #expect(try await waiting.value == 1)
        await pool.shutdown()
    }

    @Test func answersTimeoutForWorkThatWaitedPastItsBudget() async throws {
        let pool = makePool(queue: 4)
        let release = DispatchSemaphore(value: 0)
        let busy = await occupy(pool, until: release)
        let late = Task { try await pool.run(budget: .milliseconds(50)) { _, _ in 1 } }
        // Queued before the wait starts (the task itself may start late on a busy machine).
        while pool.queued < 1 { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(150))
        release.signal()
        await busy.value
        let failure = await #expect(throws: ProtocolError.self) { try await late.value }
        #expect(failure?.code == .timeout)
        // Work that starts in time gets the rest of its budget.
        let remaining = try await pool.run(budget: .seconds(2)) { _, remaining in remaining }
        #expect(remaining != nil && remaining! <= .seconds(2) && remaining! > .seconds(1))
        await pool.shutdown()
    }

    @Test func shutdownFinishesQueuedWork() async throws {
        let pool = makePool(queue: 8)
        let release = DispatchSemaphore(value: 0)
        let busy = await occupy(pool, until: release)
        let queued = (0..<3).map { n in Task { try await pool.run(budget: nil) { _, _ in n } } }
        while pool.queued < 3 { try await Task.sleep(for: .milliseconds(5)) }
        let stopping = Task { await pool.shutdown() }
        release.signal()
        await busy.value
        await stopping.value
        for (n, task) in queued.enumerated() { #expect(try await task.value == n) }
        let refused = await #expect(throws: ProtocolError.self) { try await pool.run(budget: nil) { _, _ in 0 } }
        #expect(refused?.code == .internal)
    }
}

/// `stats` percentiles come from a bounded window of recent latencies.
@Suite(.ownThreads) struct ServerStatsTests {
    @Test func percentilesAndCounters() {
        let stats = ServerStats()
        for ms in 1...100 { stats.recordRequest(milliseconds: Double(ms), failed: ms % 10 == 0) }
        stats.connectionOpened()
        let snapshot = stats.snapshot()
        #expect(snapshot.requests == 100 && snapshot.errors == 10 && snapshot.connections == 1)
        #expect(snapshot.p50 == 50 && snapshot.p99 == 99)
    }

    @Test func ringKeepsTheMostRecent() {
        var ring = LatencyRing(capacity: 3)
        for value in [1.0, 2, 3, 4, 5] { ring.append(value) }
        #expect(ring.values.sorted() == [3, 4, 5])
    }
}
