import Foundation
import Testing
import TrawlTestSupport

/// The test support's promise: under `.ownThreads` a blocked test holds no thread another test
/// needs, and a blocking helper called without it is reported.
@Suite(.ownThreads) struct OwnThreadsTests {
    /// Eight jobs that each block until all eight run: on a pool of fewer threads (Swift's
    /// cooperative pool has one per core) they would wait until the barrier gives up.
    @Test func blockedJobsEachGetAThreadOfTheirOwn() async {
        let barrier = Barrier(parties: 8)
        let arrived = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { barrier.arriveAndWait(giveUpAfter: 20) && ThreadPerJobExecutor.isCurrentThread }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(arrived == Array(repeating: true, count: 8))
    }
}

/// Deliberately without `.ownThreads`: the check must notice.
@Suite struct OwnThreadsCheckTests {
    @Test func aBlockingHelperOnThePoolIsReported() {
        withKnownIssue("reported: this suite lacks .ownThreads") {
            OwnThreads.check("a blocking call")
        }
    }
}

/// Lets `parties` threads wait for each other.
/// NOTE: `@unchecked Sendable`: `count` is only touched under `condition`.
private final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var count = 0

    init(parties: Int) { self.parties = parties }

    /// True when all parties arrived within `seconds`.
    func arriveAndWait(giveUpAfter seconds: TimeInterval) -> Bool {
        condition.withLock {
            count += 1
            condition.broadcast()
            let deadline = Date().addingTimeInterval(seconds)
            while count < parties {
                if !condition.wait(until: deadline) { return false }
            }
            return true
        }
    }
}
