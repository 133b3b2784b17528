import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// trawld under real conditions: generation switches under load, many clients, clean shutdown.
@Suite(.ownThreads, .serialized) struct DaemonLifecycleTests {
    @Test func generationSwitchUnderContinuousQueriesLosesNothing() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let index = scratch.path + "/index"
        try runProgram(Binaries.path("trawl-index"), ["--index", index, articles])
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s.sock")

        let stop = Flag()
        let outcome = QueryLoopOutcome()
        let socket = daemon.socketPath
        let thread = Thread {
            guard let connection = try? Connection(socketPath: socket) else { return outcome.fail("connect") }
            var last = 0
            while !stop.isSet {
                guard let answer = try? connection.requestObject(["op": "search", "q": "\"return hubs\"", "snippet": false]),
                    answer["ok"] as? Bool == true, (answer["hits"] as? [Any])?.count ?? 0 >= 5,
                    let generation = answer["generation"] as? Int
                else { return outcome.fail("a query failed") }
                if generation < last { return outcome.fail("generation went back from \(last) to \(generation)") }
                last = generation
                outcome.record(generation)
            }
        }
        thread.start()
        for _ in 0..<2 {
            let rebuilt = try runProgram(Binaries.path("trawl-index"), ["--index", index, "--rebuild", articles])
            #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        }
        let switched = Date()
        while outcome.latest < 3, Date().timeIntervalSince(switched) < 5 { usleep(10_000) }
        let waited = Date().timeIntervalSince(switched)
        stop.set()
        while !outcome.finished(thread) { usleep(10_000) }
        #expect(outcome.failure == nil, "\(outcome.failure ?? "")")
        #expect(outcome.latest == 3)
        #expect(waited < 1.5, "the daemon took \(waited) s to serve the new generation")
        #expect(outcome.count > 10)
    }

    @Test func thirtyTwoConcurrentClientsAllGetAnswers() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        try runProgram(Binaries.path("trawl-index"), ["--index", scratch.path + "/index", articles])
        let daemon = try DaemonProcess(index: scratch.path + "/index", socket: scratch.path + "/s.sock")
        let failures = Counter()
        let socket = daemon.socketPath
        DispatchQueue.concurrentPerform(iterations: 32) { client in
            guard let connection = try? Connection(socketPath: socket) else { return failures.add() }
            for round in 0..<20 {
                let answer = try? connection.requestObject(["id": client * 100 + round, "op": "count", "q": "hubs"])
                if answer?["id"] as? Int != client * 100 + round || answer?["ok"] as? Bool != true { failures.add() }
            }
        }
        #expect(failures.value == 0)
    }

    @Test func sigtermStopsCleanlyAndRemovesTheSocket() throws {
        let scratch = try Scratch()
        let daemon = try DaemonProcess(index: scratch.path + "/index", socket: scratch.path + "/s.sock")
        let answer = try daemon.roundTrip(#"{"id":"x","op":"search","q":"hubs"}"#)
        #expect((answer["error"] as? [String: Any])?["code"] as? String == "no_index")
        #expect(daemon.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
    }

    @Test func restartAfterKillReusesTheSocketPath() throws {
        let scratch = try Scratch()
        let socket = scratch.path + "/s.sock"
        let first = try DaemonProcess(index: scratch.path + "/index", socket: socket)
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: socket), "a killed daemon leaves its socket file")
        let second = try DaemonProcess(index: scratch.path + "/index", socket: socket)
        #expect(try second.roundTrip(#"{"op":"ping"}"#)["ok"] as? Bool == true)
        #expect(second.stop() == 0)
    }
}

/// Thread-safe bits for the tests above.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}

final class QueryLoopOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var generations: [Int] = []
    private var failed: String?
    private var done = false

    func record(_ generation: Int) { lock.withLock { generations.append(generation) } }
    func fail(_ why: String) { lock.withLock { failed = failed ?? why; done = true } }
    var failure: String? { lock.withLock { failed } }
    var latest: Int { lock.withLock { generations.last ?? 0 } }
    var count: Int { lock.withLock { generations.count } }
    func finished(_ thread: Thread) -> Bool { thread.isFinished || lock.withLock { done } }
}
