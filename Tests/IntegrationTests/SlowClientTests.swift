import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// Clients that are slow, silent, gone or deaf, against the real trawld with a single worker:
/// none of them holds a worker, stops others from being served, or makes the daemon buffer
/// without bound. (Idle connections are kept: they cost a file descriptor and no worker, and
/// clients may pool them; see README, "Protocol as implemented".)
@Suite(.ownThreads, .serialized) struct SlowClientTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(
            index: try TestIndexes.indexNews(in: scratch), socket: scratch.path + "/s", extraArguments: ["--workers", "1"],
            environment: DaemonProcess.measurableMemory)
    }

    /// Connections open now, as `stats` counts them (its own included), once it settles at `expected`.
    func openConnections(settlingAt expected: Int) throws -> Int {
        let deadline = Date().addingTimeInterval(3)
        var count = -1
        while Date() < deadline {
            count = try daemon.roundTrip(#"{"op":"stats"}"#)["connections"] as? Int ?? -1
            if count == expected { break }
            usleep(20_000)
        }
        return count
    }

    @Test func silentConnectionsHoldNoWorkerAndAreReleased() throws {
        var silent = try (0..<100).map { _ in try RawSocket(daemon.socketPath) }
        try silent[0].send(#"{"op":"count","q":"hu"#)  // half a request, never finished
        let connection = try Connection(socketPath: daemon.socketPath)
        let started = Date()
        for _ in 0..<20 { #expect(try connection.requestObject(["op": "count", "q": "hubs"]).isOK) }
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(try openConnections(settlingAt: 102) == 102)
        silent.removeAll()
        #expect(try openConnections(settlingAt: 2) == 2, "closed connections are released")
    }

    @Test func aClientSendingOneByteAtATimeDoesNotHoldUpOthers() throws {
        // TRAWL_SOAK=1: one byte a second, as the slowest client would; otherwise 50 a second.
        let pause: useconds_t = ProcessInfo.processInfo.environment["TRAWL_SOAK"] == "1" ? 1_000_000 : 20_000
        let drip = try RawSocket(daemon.socketPath, timeout: 60)
        let other = try Connection(socketPath: daemon.socketPath)
        var slowest = 0.0
        for byte in Array((#"{"id":"drip","op":"search","q":"hubs","limit":1}"# + "\n").utf8) {
            try drip.send([byte])
            let started = Date()
            #expect(try other.requestObject(["op": "count", "q": "storm"]).isOK)
            slowest = max(slowest, Date().timeIntervalSince(started))
            usleep(pause)
        }
        #expect(slowest < 0.5, "a request took \(slowest) s while the slow client was sending")
        let answer = try drip.readAnswer()
        #expect(answer?["id"] as? String == "drip" && answer?.isOK == true)
    }

    @Test func clientsThatVanishMidRequestLeaveTheDaemonServing() throws {
        let corpus = try DaemonProcess(
            index: try GeneratedCorpus.index(), socket: scratch.path + "/g", extraArguments: ["--workers", "1"])
        for round in 0..<4 {
            let client = try RawSocket(corpus.socketPath)
            switch round {
            case 0: try client.send(GeneratedCorpus.expensiveSearch(id: "0") + "\n")  // gone before its answer
            case 1: try client.send((0..<4).map { GeneratedCorpus.expensiveSearch(id: "\($0)") + "\n" }.joined())
            case 2: try client.send(#"{"op":"search","q":"ka"#)  // gone in the middle of a line
            default: try client.send(#"{"op":"search","q":"kamita"}"#)  // a last line without its newline
            }
            client.vanish()
        }
        // The vanished clients' searches still run (one worker): wait for them, so that the
        // check below is about the daemon serving, not about a busy machine's queue wait.
        let connection = try Connection(socketPath: corpus.socketPath)
        let deadline = Date().addingTimeInterval(60)
        var stats: [String: Any] = [:]
        while Date() < deadline {
            stats = try connection.requestObject(["op": "stats"])
            if stats["connections"] as? Int == 1 && stats["queued"] as? Int == 0 { break }
            usleep(50_000)
        }
        #expect(stats["connections"] as? Int == 1 && stats["queued"] as? Int == 0, "\(stats)")
        let count = try connection.requestObject(["op": "count", "q": "ka*"])
        #expect(count.isOK, "\(count)")
        #expect(corpus.process.isRunning && !corpus.log.contains("crashed"))
    }

    @Test func aClientThatNeverReadsIsNotBufferedWithoutBound() throws {
        // Big answers: every hit's snippet is full of the longest markers allowed.
        let marker = String(repeating: "~", count: 256)
        let request = Array(
            (#"{"op":"search","q":"hubs OR storm OR flood OR markets OR the OR and","limit":1000,"#
                + #""highlight":{"pre":"\#(marker)","post":"\#(marker)"}}"# + "\n").utf8)
        let before = daemon.residentKilobytes ?? 0
        let deaf = try RawSocket(daemon.socketPath)
        var sent = 0
        var peak = before
        var stalledSince: Date?
        // Pipeline up to 200,000 requests without reading: the daemon must stop reading from
        // this client (or drop it) rather than queue answers for all of them.
        while sent < 200_000 {
            let taken: Int
            do { taken = try deaf.sendWithoutBlocking(request) } catch { break }  // dropped: also bounded
            if taken == request.count {
                sent += 1
                stalledSince = nil
                continue
            }
            if taken > 0 { try deaf.send(Array(request[taken...])); sent += 1; continue }
            let since = stalledSince ?? Date()
            stalledSince = since
            peak = max(peak, daemon.residentKilobytes ?? 0)
            if Date().timeIntervalSince(since) > 1 { break }  // nothing taken for a second: it stopped reading
            usleep(10_000)
        }
        peak = max(peak, daemon.residentKilobytes ?? 0)
        print("client that never reads: the daemon stopped taking requests after \(sent); RSS \(before) -> \(peak) KiB")
        #expect(sent < 200_000, "the daemon kept reading from a client that never reads")
        #expect(peak - before < 50_000, "resident memory grew from \(before) KiB to \(peak) KiB after \(sent) requests")
        let stats = try daemon.roundTrip(#"{"op":"stats"}"#)
        #expect((stats["requests"] as? Int ?? .max) < 1000, "answers worked out but not sent: \(stats)")
        deaf.vanish()
        #expect(try openConnections(settlingAt: 1) == 1)
        #expect(try daemon.roundTrip(#"{"op":"ping"}"#).isOK)
    }
}
