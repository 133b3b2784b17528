import Foundation
import Testing
import TrawlCore
import TrawlProtocol

@testable import TrawlServer
import TrawlTestSupport

/// The daemon in-process over a real Unix socket, spoken to in raw bytes: every op,
/// pipelining, error recovery, the line limit, serving an index that appears or switches
/// generation while running, and a graceful shutdown that removes the socket.
@Suite(.ownThreads, .serialized) struct ServerTests {
    @Test func answersEveryOp() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        let config = Harness.config(dir)
        try Harness.buildGeneration(1, root: config.indexPath, articles: Harness.storms)
        try await Harness.withServer(config) { path in
            let client = try RawSocket(path)
            #expect(try client.roundTrip(#"{"id":1,"op":"ping"}"#) == .object(["id": .number(.init(1)), "ok": .bool(true)]))

            let hello = try client.roundTrip(#"{"id":"h","op":"hello"}"#)
            #expect(hello["id"]?.text == "h" && hello["server"]?.text == "trawld" && hello["protocol"]?.int == 1)
            #expect(hello["version"]?.text == TrawlVersion.string)
            #expect(hello["generation"]?.int == 1 && hello["documents"]?.int == 3)

            let search = try client.roundTrip(#"{"id":2,"op":"search","q":"storm","facets":["source"]}"#)
            #expect(search["ok"]?.isTrue == true && search["generation"]?.int == 1)
            #expect(search["total"]?["estimate"]?.int == 2 && search["hits"]?.count == 2)
            #expect(search["facets"]?["source"]?["sky"]?.int == 1)
            #expect(search["took_ms"] != nil && search["corrected"] == nil)
            guard case .array(let hits) = search["hits"] else { return }
            #expect(hits[0]["rank"]?.int == 1 && hits[0]["date"]?.text == "2025-05-15T11:13:00Z")
            #expect(hits[0]["byline"] == nil)  // absent, not null
            #expect(hits[0]["snippet"]?.text?.contains("<b>") == true)

            let count = try client.roundTrip(#"{"id":3,"op":"count","q":"storm","source":"sky"}"#)
            #expect(count["total"]?["estimate"]?.int == 1 && count["hits"] == nil)

            let doc = try client.roundTrip(#"{"id":4,"op":"get","article":"markets.txt"}"#)
            #expect(doc["id"]?.int == 4 && doc["doc"]?["id"]?.text == "markets.txt")
            #expect(doc["doc"]?["body"]?.text?.contains("Shares rose") == true)

            #expect(try client.roundTrip(#"{"id":5,"op":"get","article":"nope.txt"}"#).errorCode == "not_found")
            #expect(try client.roundTrip(#"{"id":6,"op":"search","q":"storm AND"}"#).errorCode == "bad_query")

            let reload = try client.roundTrip(#"{"id":7,"op":"reload"}"#)
            #expect(reload["generation"]?.int == 1 && reload["documents"]?.int == 3)

            let stats = try client.roundTrip(#"{"id":8,"op":"stats"}"#)  // counts the 8 before it
            #expect(stats["documents"]?.int == 3 && stats["generation"]?.int == 1)
            // `updated`: the time of the generation's last commit, as the index records it.
            let committed = try Harness.archive(config.indexPath).reader().metadata(MetadataKey.updated)
            #expect(stats["index"]?.text == config.indexPath && stats["updated"]?.text == committed && !committed.isEmpty)
            #expect(stats["requests"]?.int == 8 && stats["errors"]?.int == 2 && stats["connections"]?.int == 1)
            #expect(stats["uptime_s"] != nil && stats["latency_ms"]?["p50"] != nil && stats["latency_ms"]?["p99"] != nil)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderAndBadLinesDoNotCloseTheConnection() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        let config = Harness.config(dir)
        try Harness.buildGeneration(1, root: config.indexPath, articles: Harness.storms)
        try await Harness.withServer(config) { path in
            let client = try RawSocket(path)
            try client.send(
                #"{"id":1,"op":"search","q":"storm"}"# + "\n" + #"{"id":2,"op":"ping"}"# + "\r\n\n   \n"
                    + #"{"id":3,"op":"count","q":"markets"}"# + "\n")
            for id in 1...3 { #expect(try client.readResponse()["id"]?.int == id) }

            // Many at once, worked on concurrently, still answered in order.
            let ops = [#""op":"ping""#, #""op":"count","q":"storm""#, #""op":"search","q":"coast""#, #""op":"get","article":"x""#]
            try client.send((100..<300).map { #"{"id":\#($0),"# + ops[$0 % 4] + "}\n" }.joined())
            var order: [Int] = []
            for _ in 100..<300 { order.append(try client.readResponse()["id"]?.int ?? -1) }
            #expect(order == Array(100..<300))

            try client.send("this is not json\n" + #"{"id":9,"op":"frobnicate"}"# + "\n" + #"{"id":10,"op":"ping"}"# + "\n")
            #expect(try client.readResponse().errorCode == "bad_json")
            let unknown = try client.readResponse()
            #expect(unknown.errorCode == "unknown_op" && unknown["id"]?.int == 9)
            #expect(try client.readResponse()["ok"]?.isTrue == true)

            // Requests sent before the client shuts its write side are still answered.
            try client.send(#"{"id":11,"op":"ping"}"# + "\n")
            client.finishSending()
            #expect(try client.readResponse()["id"]?.int == 11)
            #expect(try client.readLine() == nil)
        }
    }

    @Test func overLongLineGetsRequestTooLargeThenTheConnectionCloses() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        try await Harness.withServer(Harness.config(dir)) { path in
            let client = try RawSocket(path)
            let long = #"{"op":"search","q":""# + String(repeating: "x", count: 10_000) + #""}"#
            try client.send(#"{"id":1,"op":"ping"}"# + "\n" + long + "\n" + #"{"id":2,"op":"ping"}"# + "\n")
            #expect(try client.readResponse()["id"]?.int == 1)
            #expect(try client.readResponse().errorCode == "request_too_large")
            #expect(try client.readLine() == nil)  // closed: the ping after it is not answered
            let other = try RawSocket(path)  // the server itself carries on
            #expect(try other.roundTrip(#"{"op":"ping"}"#)["ok"]?.isTrue == true)
        }
    }

    @Test func startsWithoutAnIndexAndServesOneOnceBuilt() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        let config = Harness.config(dir)
        try await Harness.withServer(config) { path in
            let client = try RawSocket(path)
            let early = try client.roundTrip(#"{"id":1,"op":"search","q":"storm"}"#)
            #expect(early.errorCode == "no_index")
            #expect(early["error"]?["message"]?.text?.contains("trawl-index") == true)
            #expect(try client.roundTrip(#"{"op":"hello"}"#)["generation"]?.int == 0)

            try Harness.buildGeneration(1, root: config.indexPath, articles: Harness.storms)
            let served = try await Harness.eventually(within: .seconds(1)) {
                try client.roundTrip(#"{"op":"search","q":"storm"}"#)["generation"]?.int == 1
            }
            #expect(served)
        }
    }

    @Test func switchesGenerationsAndSeesNewCommitsWithoutARestart() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        let config = Harness.config(dir)
        try Harness.buildGeneration(1, root: config.indexPath, articles: Harness.storms)
        try await Harness.withServer(config) { path in
            let client = try RawSocket(path)
            #expect(try client.roundTrip(#"{"op":"count","q":"storm"}"#)["generation"]?.int == 1)

            // A commit to the live generation (incremental indexing).
            let archive = try Harness.archive(config.indexPath)
            try archive.write(article: Harness.article("storm-3", title: "Third storm", body: "Yet another storm."))
            #expect(try archive.index().generation == 1)
            #expect(try await Harness.eventually(within: .seconds(1)) {
                try client.roundTrip(#"{"op":"count","q":"storm"}"#)["total"]?["estimate"]?.int == 3
            })

            // A rebuild: gen-2 written beside it, then `current` renamed over. The daemon's time to
            // see it counts from the switch, not from the start of the build (in-process indexing,
            // which a busy machine slows: 1.9 s in one full run).
            try Harness.buildGeneration(2, root: config.indexPath, articles: [Harness.storms[2]])
            let switched = ContinuousClock.now
            #expect(try await Harness.eventually(within: .seconds(1)) {
                let answer = try client.roundTrip(#"{"op":"search","q":"storm"}"#)
                return answer["generation"]?.int == 2 && answer["total"]?["estimate"]?.int == 0
            })
            #expect(ContinuousClock.now - switched < .milliseconds(1200))
            #expect(try client.roundTrip(#"{"op":"stats"}"#)["generation"]?.int == 2)
        }
    }

    @Test func gracefulShutdownRemovesTheSocketAndEndsIdleConnections() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        let config = Harness.config(dir)
        var idle: RawSocket?
        try await Harness.withServer(config) { path in
            let client = try RawSocket(path)
            #expect(try client.roundTrip(#"{"op":"ping"}"#)["ok"]?.isTrue == true)
            idle = client
        }
        #expect(!FileManager.default.fileExists(atPath: config.socket.path))
        #expect(try idle?.readLine() == nil)
        #expect(throws: (any Error).self) { try RawSocket(config.socket.path) }
    }
}
