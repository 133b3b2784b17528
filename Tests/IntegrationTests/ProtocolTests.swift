import Foundation
import Testing
import TrawlClient
import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// PROTOCOL.md through the real trawld over an index the real trawl-index built: every op with
/// its documented fields, every search field taking effect, the client error codes, `id` echoed
/// exactly as written, pipelined answers in request order, and bad lines that leave the
/// connection open. (no_index, overloaded, timeout and internal: DaemonFailureTests.)
@Suite(.ownThreads, .serialized) struct ProtocolTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(index: try TestIndexes.indexNews(in: scratch), socket: scratch.path + "/s")
    }

    @Test func pingHelloGetReloadAndStats() throws {
        let connection = try Connection(socketPath: daemon.socketPath)
        let pong = try connection.requestObject(["id": 1, "op": "ping"])
        #expect(pong.count == 2 && pong["id"] as? Int == 1 && pong.isOK)

        let hello = try connection.requestObject(["id": "h", "op": "hello"])
        #expect(hello["id"] as? String == "h" && hello["server"] as? String == "trawld")
        #expect(hello["version"] as? String == TrawlVersion.string && hello["protocol"] as? Int == 1)
        #expect(hello["generation"] as? Int == 1 && hello["documents"] as? Int == 6)
        #expect(
            hello["ops"] as? [String]
                == ["ping", "hello", "search", "count", "get", "stats", "reload", "histogram", "similar",
                    "put", "delete", "subscribe", "unsubscribe"])

        let doc = try connection.requestObject(["op": "get", "article": "uk/hubs-1"])["doc"] as? [String: Any] ?? [:]
        #expect(doc["id"] as? String == "uk/hubs-1" && doc["title"] as? String == "Return hubs plan announced")
        #expect(doc["source"] as? String == "bbc" && doc["byline"] as? String == "Jane Reporter")
        #expect(doc["url"] as? String == "https://www.bbc.co.uk/news/hubs-1" && doc["date"] as? String == "2025-05-15T11:13:00Z")
        #expect((doc["body"] as? String)?.contains("built in third countries") == true)
        // Fields the article lacks are left out: never null, never "".
        let undated = try connection.requestObject(["op": "get", "article": "notes/undated"])["doc"] as? [String: Any] ?? [:]
        #expect(Set(undated.keys) == ["id", "title", "body"])

        let missing = try connection.requestObject(["id": 9, "op": "get", "article": "uk/nope"])
        #expect(missing.errorCode == "not_found" && missing["id"] as? Int == 9 && missing["ok"] as? Bool == false)
        #expect(missing.errorMessage?.contains("uk/nope") == true)

        let reload = try connection.requestObject(["op": "reload"])
        #expect(reload.isOK && reload["generation"] as? Int == 1 && reload["documents"] as? Int == 6)

        let stats = try connection.requestObject(["op": "stats"])
        #expect(stats["documents"] as? Int == 6 && stats["generation"] as? Int == 1)
        #expect(stats["index"] as? String == scratch.path + "/index")
        #expect((stats["updated"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
        #expect(stats["requests"] as? Int == 6 && stats["errors"] as? Int == 1)
        #expect((stats["connections"] as? Int ?? 0) >= 1 && stats["uptime_s"] as? Double != nil)
        let latency = stats["latency_ms"] as? [String: Any]
        #expect(latency?["p50"] as? Double != nil && latency?["p99"] as? Double != nil)
    }

    @Test func everySearchFieldTakesEffect() throws {
        let connection = try Connection(socketPath: daemon.socketPath)
        func search(_ fields: [String: Any]) throws -> [String: Any] {
            let answer = try connection.requestObject(fields.merging(["op": "search"]) { old, _ in old })
            #expect(answer.isOK, "\(fields): \(answer)")
            return answer
        }
        func ids(_ fields: [String: Any]) throws -> [String] {
            (try search(fields)["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        // Undated articles come last in either order.
        #expect(try ids(["q": "hubs", "sort": "newest"]) == ["uk/hubs-2", "uk/hubs-1", "notes/undated"])
        #expect(try ids(["q": "hubs", "sort": "oldest"]) == ["uk/hubs-1", "uk/hubs-2", "notes/undated"])
        #expect(try ids(["q": "hubs", "sort": "newest", "offset": 1, "limit": 1]) == ["uk/hubs-1"])
        #expect(try ids(["q": "hubs", "limit": 0]).isEmpty)
        #expect(try ids(["q": "hubs", "source": "BBC"]) == ["uk/hubs-1"])
        #expect(Set(try ids(["q": "hubs OR storm", "source": ["sky", "itv"]])) == ["uk/hubs-2", "world/storm", "world/flood"])
        #expect(try ids(["q": "hubs", "since": "2025-05-16"]) == ["uk/hubs-2"])
        #expect(try ids(["q": "hubs", "until": "2025-05-15"]) == ["uk/hubs-1"])
        #expect(try ids(["q": "", "since": "2024-01-01", "until": "2025-05-31", "sort": "oldest"]) == [
            "world/storm", "uk/hubs-1", "uk/hubs-2",
        ])

        let plain = try search(["q": "hubs", "sort": "newest"])
        let total = plain["total"] as? [String: Any]
        #expect(total?["estimate"] as? Int == 3 && total?["lower"] as? Int == 3 && total?["upper"] as? Int == 3)
        #expect(plain["generation"] as? Int == 1 && plain["took_ms"] as? Double != nil && plain["facets"] == nil)
        let first = (plain["hits"] as? [[String: Any]])?.first ?? [:]
        #expect(first["rank"] as? Int == 1 && first["score"] as? Double != nil && first["percent"] as? Int != nil)
        #expect(first["title"] as? String == "Ministers unveil return hubs" && first["source"] as? String == "sky")
        #expect(first["date"] as? String == "2025-05-16T09:00:00Z" && first["byline"] == nil && first["url"] == nil)
        #expect((first["snippet"] as? String)?.contains("<b>hubs</b>") == true)

        let marked = try search(["q": "hubs", "highlight": ["pre": "[[", "post": "]]"]])
        for hit in marked["hits"] as? [[String: Any]] ?? [] {
            let snippet = hit["snippet"] as? String ?? ""
            #expect(snippet.contains("[[hubs]]") && !snippet.contains("<b>"), "\(snippet)")
        }
        let bare = try search(["q": "hubs", "snippet": false])
        #expect((bare["hits"] as? [[String: Any]] ?? []).allSatisfy { $0["snippet"] == nil })

        let facets = try search(["q": "hubs", "facets": ["source", "year", "month"], "limit": 0])["facets"] as? [String: [String: Int]]
        #expect(facets == ["source": ["bbc": 1, "sky": 1], "year": ["2025": 2], "month": ["2025-05": 2]])

        // The two copies of one story fold into one hit that says so.
        let collapsed = try search(["q": "hubs", "collapse": true])["hits"] as? [[String: Any]] ?? []
        #expect(collapsed.count == 2)
        #expect(collapsed.compactMap { $0["duplicates"] as? Int } == [1])

        // The `operator` extension: words combine with AND unless asked.
        let both = try connection.requestObject(["op": "count", "q": "storm markets"])
        let either = try connection.requestObject(["op": "count", "q": "storm markets", "operator": "or"])
        #expect((both["total"] as? [String: Any])?["estimate"] as? Int == 0)
        #expect((either["total"] as? [String: Any])?["estimate"] as? Int == 3)
    }

    @Test func countTakesTheFiltersOfSearch() throws {
        let connection = try Connection(socketPath: daemon.socketPath)
        let count = try connection.requestObject(["id": 3, "op": "count", "q": "hubs", "source": ["sky"], "since": "2025-01-01"])
        #expect(count["id"] as? Int == 3 && count.isOK && count["hits"] == nil)
        let total = count["total"] as? [String: Any]
        #expect(total?["estimate"] as? Int == 1 && total?["lower"] as? Int == 1 && total?["upper"] as? Int == 1)
        #expect(count["generation"] as? Int == 1 && count["took_ms"] as? Double != nil)
        let collapsed = try connection.requestObject(["op": "count", "q": "hubs", "collapse": true])
        #expect((collapsed["total"] as? [String: Any])?["estimate"] as? Int == 2)
    }

    @Test func clientErrorsAreAnsweredInOrderAndTheConnectionCarriesOn() throws {
        let client = try RawSocket(daemon.socketPath)
        try client.send(
            [
                "this is not json", #"{"id":1,"op":"search"}"#, #"{"id":2,"op":"teleport"}"#,
                #"{"id":3,"op":"search","q":"storm AND"}"#, #"{"id":4,"op":"get","article":"nope"}"#, #"{"id":5,"op":"ping"}"#,
            ].joined(separator: "\n") + "\n")
        let answers = try (0..<6).map { _ in try client.readAnswer() ?? [:] }
        #expect(answers.map(\.errorCode) == ["bad_json", "bad_request", "unknown_op", "bad_query", "not_found", nil])
        #expect(answers.map { $0["id"] as? Int } == [nil, 1, 2, 3, 4, 5])
        #expect(answers.dropLast().allSatisfy { $0["ok"] as? Bool == false && !($0.errorMessage ?? "").isEmpty })
        #expect(answers[1].errorMessage?.hasPrefix("q ") == true)
        #expect(answers[2].errorMessage?.contains("teleport") == true)
        #expect(try client.roundTrip(#"{"op":"hello"}"#).isOK)
    }

    @Test func idsAreEchoedExactlyAsWritten() throws {
        let client = try RawSocket(daemon.socketPath)
        for id in ["7.50", "-1e3", "12345678901234567890123", #""a \"quoted\" é\n""#, #""""#] {
            try client.send(#"{"id":\#(id),"op":"ping"}"# + "\n")
            #expect(try client.readLine() == #"{"id":\#(id),"ok":true}"#)
        }
        try client.send(#"{"id":1.0e+2,"op":"bogus"}"# + "\n")
        #expect(try client.readLine()?.hasPrefix(#"{"id":1.0e+2,"ok":false,"error":{"code":"unknown_op""#) == true)
        try client.send(#"{"id":null,"op":"ping"}"# + "\n")
        #expect(try client.readLine() == #"{"ok":true}"#)
    }

    @Test func pipelinedRequestsAreAnsweredInRequestOrder() throws {
        let client = try RawSocket(daemon.socketPath)
        let kinds = [
            #""op":"search","q":"hubs OR storm","facets":["source"]"#, #""op":"ping""#, #""op":"count","q":"flood""#,
            #""op":"get","article":"world/storm""#, #""op":"get","article":"missing""#, #""op":"search","q":"(""#,
            #""op":"stats""#,
        ]
        var lines: [String] = []
        var expected: [Int?] = []
        for number in 0..<300 {
            if number % 50 == 49 {
                lines.append("{not json")  // no id can be read: answered without one, in its place
                expected.append(nil)
            } else {
                lines.append(#"{"id":\#(number),\#(kinds[number % kinds.count])}"#)
                expected.append(number)
            }
            if number % 60 == 0 { lines.append("  ") }  // blank lines get no answer
        }
        try client.send(lines.joined(separator: "\n") + "\n")
        var answered: [Int?] = []
        for _ in expected { answered.append(try client.readAnswer()?["id"] as? Int) }
        #expect(answered == expected)
    }

    @Test func overLongLineIsRefusedThenTheConnectionCloses() throws {
        let small = try DaemonProcess(
            index: scratch.path + "/index", socket: scratch.path + "/small",
            environment: ["TRAWL_LIMITS_MAX_REQUEST_BYTES": "2048"])
        let client = try RawSocket(small.socketPath)
        let long = #"{"op":"search","q":""# + String(repeating: "x", count: 3000) + #""}"#
        try client.send(#"{"id":1,"op":"ping"}"# + "\n" + long + "\n" + #"{"id":2,"op":"ping"}"# + "\n")
        #expect(try client.readAnswer()?["id"] as? Int == 1)
        let refused = try client.readAnswer()
        #expect(refused?.errorCode == "request_too_large")
        #expect(refused?.errorMessage?.contains("2048") == true)
        #expect(try client.readLine() == nil, "the connection is closed: the ping after the long line is not answered")
        // Just under the limit is fine.
        let fits = #"{"op":"count","q":""# + String(repeating: "y", count: 2000) + #""}"#
        #expect(try RawSocket(small.socketPath).roundTrip(fits).isOK)
    }

    @Test func sighupReopensTheIndexAndTheDaemonKeepsServing() throws {
        #expect(kill(daemon.pid, SIGHUP) == 0)
        #expect(daemon.waitForLog("SIGHUP: reopening the index"))
        #expect(daemon.process.isRunning)
        #expect(try daemon.roundTrip(#"{"op":"count","q":"hubs"}"#)["generation"] as? Int == 1)
        #expect(kill(daemon.pid, SIGHUP) == 0)
        #expect(try daemon.roundTrip(#"{"op":"ping"}"#).isOK)
    }

    /// A reload sent the moment the socket answers (as a deploy script may) is a reload: the
    /// handler used to be installed alongside the server, and SIGHUP's default action killed it.
    @Test func aHangupTheMomentTheSocketAnswersIsAReload() throws {
        let index = scratch.path + "/index"  // the suite's, served by every daemon of this test
        for round in 0..<5 {
            let fresh = try DaemonProcess(index: index, socket: scratch.path + "/h\(round)")
            #expect(kill(fresh.pid, SIGHUP) == 0)
            #expect(fresh.waitForLog("SIGHUP: reopening the index"), "round \(round): \(fresh.log)")
            #expect(fresh.process.isRunning, "round \(round)")
        }
    }
}
