import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// The server-side error codes through the real trawld: `no_index` before an index exists (and
/// serving once one is built), `overloaded` when the queue is full, `timeout` past the time
/// budget, `internal` on a damaged index. After each, the daemon is still up and answering.
@Suite(.ownThreads, .serialized) struct DaemonFailureTests {
    @Test func noIndexUntilOneIsBuiltThenServesIt() throws {
        let scratch = try Scratch()
        let index = scratch.path + "/index"
        try FileManager.default.createDirectory(atPath: index, withIntermediateDirectories: true)
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let connection = try Connection(socketPath: daemon.socketPath)

        for op in ["search", "count"] {
            let early = try connection.requestObject(["id": op, "op": op, "q": "hubs"])
            #expect(early.errorCode == "no_index" && early["id"] as? String == op)
            #expect(early.errorMessage?.contains("trawl-index") == true, "the message says how to build one")
        }
        #expect(try connection.requestObject(["op": "get", "article": "uk/hubs-1"]).errorCode == "no_index")
        #expect(try connection.requestObject(["op": "reload"]).errorCode == "no_index")
        let hello = try connection.requestObject(["op": "hello"])
        #expect(hello.isOK && hello["generation"] as? Int == 0 && hello["documents"] as? Int == 0)
        #expect(try connection.requestObject(["op": "stats"])["documents"] as? Int == 0)

        _ = try TestIndexes.indexNews(in: scratch)
        let deadline = Date().addingTimeInterval(3)
        var served: [String: Any] = [:]
        while Date() < deadline {
            served = try connection.requestObject(["op": "count", "q": "hubs"])
            if served.isOK { break }
            usleep(50_000)
        }
        #expect(served["generation"] as? Int == 1 && (served["total"] as? [String: Any])?["estimate"] as? Int == 3)
        #expect(daemon.waitForLog("index appeared"))
    }

    @Test func overloadedWhenTheQueueIsFull() throws {
        let scratch = try Scratch()
        let daemon = try DaemonProcess(
            index: try GeneratedCorpus.index(), socket: scratch.path + "/s", extraArguments: ["--workers", "1"],
            environment: ["TRAWL_SERVER_QUEUE_SIZE": "1"])
        // One worker, one place in the queue: of twelve expensive searches sent at once over
        // three connections, one runs, one waits, and the others are refused at once.
        let clients = try (0..<3).map { _ in try RawSocket(daemon.socketPath, timeout: 60) }
        for (number, client) in clients.enumerated() {
            let burst = (0..<4).map { GeneratedCorpus.expensiveSearch(id: "\(number * 4 + $0)") }
            try client.send(burst.joined(separator: "\n") + "\n")
        }
        var codes: [String] = []
        for (number, client) in clients.enumerated() {
            for offset in 0..<4 {
                let answer = try client.readAnswer() ?? [:]
                #expect(answer["id"] as? Int == number * 4 + offset)
                codes.append(answer.isOK ? "ok" : answer.errorCode ?? "?")
            }
        }
        #expect(codes.filter { $0 == "overloaded" }.count >= 6, "\(codes)")
        #expect(codes.allSatisfy { ["ok", "overloaded", "timeout"].contains($0) }, "\(codes)")
        #expect(try clients[0].roundTrip(#"{"op":"ping"}"#).isOK, "the connections carry on")
        let stats = try daemon.roundTrip(#"{"op":"stats"}"#)
        #expect(stats["workers"] as? Int == 1 && stats["queued"] as? Int == 0)
        #expect((stats["errors"] as? Int ?? 0) >= 6)
    }

    @Test func timeoutPastTheTimeBudget() throws {
        let scratch = try Scratch()
        let config = try scratch.write("limits:\n  query_time_budget_ms: 5\n", to: "trawl.yaml")
        let daemon = try DaemonProcess(
            index: try GeneratedCorpus.index(), socket: scratch.path + "/s", extraArguments: ["--config", config])
        let client = try RawSocket(daemon.socketPath, timeout: 60)
        let slow = try client.roundTrip(GeneratedCorpus.expensiveSearch(id: #""slow""#))
        #expect(slow.errorCode == "timeout" && slow["id"] as? String == "slow", "\(slow)")
        #expect(slow.errorMessage?.contains("time budget") == true)
        #expect(try client.roundTrip(#"{"op":"ping"}"#).isOK, "the connection carries on")
        // Still serving: hello too goes through the 5 ms budget, which a busy machine may use up
        // in the queue alone, so a `timeout` now and then is right; within seconds it answers.
        var hello: [String: Any] = [:]
        for _ in 0..<100 where hello["documents"] == nil {
            hello = try daemon.roundTrip(#"{"op":"hello"}"#)
            if hello["documents"] == nil { usleep(50_000) }
        }
        #expect(hello["documents"] as? Int == 400, "\(hello)")
    }

    @Test func internalOnADamagedIndexWhileTheDaemonKeepsRunning() throws {
        let scratch = try Scratch()
        let index = try TestIndexes.indexNews(in: scratch)
        // Scramble the posting lists of the live generation (seeded, so every run breaks the same way).
        let postlist = index + "/gen-1/postlist.glass"
        var random = SplitMix64(seed: 11)
        let size = (try FileManager.default.attributesOfItem(atPath: postlist)[.size] as? Int) ?? 0
        try Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }).write(to: URL(fileURLWithPath: postlist))

        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let connection = try Connection(socketPath: daemon.socketPath)
        let broken = try connection.requestObject(["id": 1, "op": "search", "q": "hubs"])
        #expect(broken.errorCode == "internal" && broken["id"] as? Int == 1)
        #expect(broken.errorMessage?.contains("damaged") == true && broken.errorMessage?.contains("trawl-index --rebuild") == true)
        #expect(try connection.requestObject(["op": "get", "article": "uk/hubs-1"]).errorCode == "internal")
        #expect(try connection.requestObject(["op": "ping"]).isOK)
        #expect(try connection.requestObject(["op": "hello"]).isOK)
        #expect(daemon.log.contains("DatabaseCorruptError"))

        // The cure the message names works without restarting the daemon.
        let rebuilt = try runProgram(Binaries.path("trawl-index"), ["--index", index, "--rebuild", scratch.path + "/articles"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let deadline = Date().addingTimeInterval(3)
        var served: [String: Any] = [:]
        while Date() < deadline {
            served = try connection.requestObject(["op": "count", "q": "hubs"])
            if served.isOK { break }
            usleep(50_000)
        }
        #expect(served.isOK && served["generation"] as? Int == 2, "\(served)")
        #expect(daemon.process.isRunning)
    }
}
