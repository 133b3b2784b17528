import Foundation
import Testing
import TrawlTestSupport

/// Hostile and broken request lines through the real trawld: each gets its documented error
/// code, the same connection carries on (except after an over-long line, which closes it), and
/// the daemon keeps serving new connections. Unknown fields are ignored, as the decoder
/// promises newer clients.
@Suite(.ownThreads, .serialized) struct DaemonBadInputTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(
            index: try TestIndexes.indexNews(in: scratch), socket: scratch.path + "/s", environment: DaemonProcess.measurableMemory)
    }

    /// Sends each line on one connection; returns the answers, then checks the same
    /// connection and a new one still answer a ping.
    func answers(_ lines: [[UInt8]]) throws -> [[String: Any]] {
        let client = try RawSocket(daemon.socketPath)
        var answers: [[String: Any]] = []
        for line in lines {
            try client.send(line + [UInt8(ascii: "\n")])
            answers.append(try client.readAnswer() ?? ["closed": true])
        }
        #expect(try client.roundTrip(#"{"id":"after","op":"ping"}"#)["id"] as? String == "after")
        #expect(try daemon.roundTrip(#"{"op":"ping"}"#).isOK)
        return answers
    }

    func answers(_ lines: [String]) throws -> [[String: Any]] { try answers(lines.map { Array($0.utf8) }) }

    @Test func linesThatAreNotJSONObjects() throws {
        let lines: [[UInt8]] = [
            Array("hello there".utf8), Array("[1,2,3]".utf8), Array(#""ping""#.utf8), Array("42".utf8), Array("null".utf8),
            Array(#"{"op":"ping"}{"op":"ping"}"#.utf8), Array(#"{"op":"ping",}"#.utf8), Array("{'op':'ping'}".utf8),
            Array(#"{"op":"search","q":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8),  // invalid UTF-8
            Array(#"{"op":"search","q":""#.utf8) + [0xC0, 0x80] + Array(#""}"#.utf8),  // overlong NUL
            Array(#"{"op":"search","q":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),  // a surrogate in UTF-8
            Array(#"{"op":"ping"}"#.utf8) + [0],  // a NUL byte after the object
            [0] + Array(#"{"op":"ping"}"#.utf8),
            Array(#"{"op":"search","q":"a"#.utf8) + [0] + Array(#"b"}"#.utf8),  // a raw NUL inside a string
            Array(String(repeating: "[", count: 10_000).utf8) + Array(String(repeating: "]", count: 10_000).utf8),
            Array(String(repeating: #"{"a":"#, count: 10_000).utf8) + [UInt8(ascii: "1")] + Array(String(repeating: "}", count: 10_000).utf8),
            Array(#"{"id":1,"op":"search","q":"x","facets":"#.utf8) + Array(String(repeating: "[", count: 10_000).utf8),
        ]
        for (line, answer) in zip(lines, try answers(lines)) {
            #expect(answer.errorCode == "bad_json", "\(String(decoding: line.prefix(60), as: UTF8.self)): \(answer)")
            #expect(answer["id"] == nil)
        }
    }

    @Test func wrongTypesAndRangesAreBadRequestsNamingTheField() throws {
        let cases: [(line: String, field: String)] = [
            (#"{"id":1,"op":5}"#, "op"),
            (#"{"id":1}"#, "op"),
            (#"{"id":1,"op":"search","q":["x"]}"#, "q"),
            (#"{"id":1,"op":"search","q":"x","limit":-1}"#, "limit"),
            (#"{"id":1,"op":"search","q":"x","limit":1000000000000}"#, "limit"),
            (#"{"id":1,"op":"search","q":"x","limit":"10"}"#, "limit"),
            (#"{"id":1,"op":"search","q":"x","limit":1e400}"#, "limit"),
            (#"{"id":1,"op":"search","q":"x","offset":9223372036854775808}"#, "offset"),
            (#"{"id":1,"op":"search","q":"x","offset":-1}"#, "offset"),
            (#"{"id":1,"op":"search","q":"x","sort":"random"}"#, "sort"),
            (#"{"id":1,"op":"search","q":"x","source":{"bbc":true}}"#, "source"),
            (#"{"id":1,"op":"search","q":"x","snippet":"no"}"#, "snippet"),
            (#"{"id":1,"op":"search","q":"x","highlight":["<b>"]}"#, "highlight"),
            (#"{"id":1,"op":"search","q":"x","highlight":{"post":false}}"#, "highlight.post"),
            (#"{"id":1,"op":"search","q":"x","facets":["source","colour"]}"#, "facets"),
            (#"{"id":1,"op":"search","q":"x","collapse":"yes"}"#, "collapse"),
            (#"{"id":1,"op":"search","q":"x","since":"2025-13-45"}"#, "since"),
            (#"{"id":1,"op":"search","q":"x","until":"2025-02-30"}"#, "until"),
            (#"{"id":1,"op":"count","q":"x","since":"2025-06-01","until":"2025-05-01"}"#, "since"),
            (#"{"id":1,"op":"search","q":"a\u0000b"}"#, "q"),
            (#"{"id":1,"op":"search","q":"x","source":"bb\u0000c"}"#, "source"),
            (#"{"id":1,"op":"get","article":"a\u0000b"}"#, "article"),
            (#"{"id":1,"op":"get","article":""}"#, "article"),
            (#"{"id":1,"op":"get","article":7}"#, "article"),
        ]
        for (testCase, answer) in zip(cases, try answers(cases.map(\.line))) {
            #expect(answer.errorCode == "bad_request", "\(testCase.line): \(answer)")
            #expect(answer.errorMessage?.hasPrefix(testCase.field) == true, "\(testCase.line): \(answer.errorMessage ?? "")")
            #expect(answer["id"] as? Int == 1)
        }
        // An id that is neither a string nor a number cannot be echoed.
        let badID = try answers([#"{"id":[1],"op":"ping"}"#, #"{"id":true,"op":"ping"}"#])
        #expect(badID.allSatisfy { $0.errorCode == "bad_request" && $0["id"] == nil && $0.errorMessage?.hasPrefix("id") == true })
    }

    @Test func unknownOpsAreRefusedAndUnknownFieldsIgnored() throws {
        let answers = try answers([
            #"{"id":1,"op":"drop","article":"uk/hubs-1"}"#, #"{"id":2,"op":"PING"}"#, #"{"id":3,"op":""}"#,
            #"{"id":4,"op":"count","q":"hubs","colour":"red","limit":"ignored by count","x":{"y":[null]}}"#,
            #"{"id":5,"op":"ping","q":7}"#,
        ])
        #expect(answers.prefix(3).allSatisfy { $0.errorCode == "unknown_op" && $0.errorMessage?.contains("search") == true })
        #expect(answers.prefix(3).map { $0["id"] as? Int } == [1, 2, 3])
        #expect(answers[3].isOK && (answers[3]["total"] as? [String: Any])?["estimate"] as? Int == 3)
        #expect(answers[4].isOK)
    }

    @Test func queriesXapianRejectsAreBadQueries() throws {
        let queries = [
            "storm AND", "OR hubs", "hubs NOT", "date:2025-13-45..2025-14-01", "date:2025-02-30..", "date:..2025-00",
            "date:..", "date:tomorrow..today", "date:-7x", "hubs date:2025-5", "date:2025-13-45", "date:2023-02-29",
        ]
        let lines = queries.map { String(decoding: try! JSONSerialization.data(withJSONObject: ["op": "search", "q": $0]), as: UTF8.self) }
        for (query, answer) in zip(queries, try answers(lines)) {
            #expect(answer.errorCode == "bad_query", "\(query): \(answer)")
        }
    }

    @Test func longQueriesAndMarkersAreRefusedBeforeTheyReachAWorker() throws {
        let started = Date()
        let answers = try answers([
            #"{"id":1,"op":"search","q":""# + String(repeating: "a* ", count: 34_000) + #""}"#,  // 100 KB of wildcards
            #"{"id":2,"op":"count","q":""# + String(repeating: "hubs OR ", count: 12_800) + #"x"}"#,
            #"{"id":3,"op":"search","q":"hubs","highlight":{"pre":""# + String(repeating: "<", count: 100_000) + #""}}"#,
            #"{"id":4,"op":"search","q":"hubs","source":["# + (0..<10_000).map { #""s\#($0)""# }.joined(separator: ",") + "]}",
        ])
        #expect(answers.map(\.errorCode) == ["bad_request", "bad_request", "bad_request", "bad_request"])
        #expect(answers.compactMap { $0.errorMessage?.split(separator: " ").first } == ["q", "q", "highlight.pre", "source"])
        #expect(Date().timeIntervalSince(started) < 5, "refused without running them")
        // The largest accepted query still runs: 256 words (Limits.queryWords), padded with
        // spaces far past the old 4096-byte cap (spaces cost nothing).
        let longest = String(repeating: "hubs ", count: 256) + String(repeating: " ", count: 20_000)
        #expect(try daemon.roundTrip(#"{"op":"count","q":"\#(longest)"}"#).isOK)
    }

    @Test func aHundredMegabyteLineIsCutOffWithoutBeingBuffered() throws {
        let before = daemon.residentKilobytes ?? 0
        let client = try RawSocket(daemon.socketPath)
        try client.send(#"{"op":"search","q":""#)
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        var sent = 0
        var peak = before
        while sent < 100 {
            do { try client.send(chunk) } catch { break }  // the daemon may cut us off first
            sent += 1
            if sent % 10 == 0 { peak = max(peak, daemon.residentKilobytes ?? 0) }
        }
        let answer = try client.readAnswer()
        #expect(answer?.errorCode == "request_too_large")
        #expect(try client.readLine() == nil)
        peak = max(peak, daemon.residentKilobytes ?? 0)
        print("100 MB line: \(sent) MiB taken before the cut; RSS \(before) -> \(peak) KiB")
        #expect(peak - before < 30_000, "resident memory grew from \(before) KiB to \(peak) KiB")
        #expect(try daemon.roundTrip(#"{"op":"ping"}"#).isOK)
    }

    @Test func mutatedRequestsAreAllAnsweredWithProtocolCodes() throws {
        let valid = [
            #"{"id":1,"op":"search","q":"\"return hubs\" date:2025-05..","limit":3,"sort":"newest","facets":["year"]}"#,
            #"{"id":"c","op":"count","q":"storm OR flood","source":["sky","itv"],"since":"2024-01-01"}"#,
            #"{"id":2.5,"op":"get","article":"world/storm"}"#, #"{"op":"hello"}"#, #"{"op":"stats"}"#,
            #"{"id":3,"op":"search","q":"hub*","highlight":{"pre":"[","post":"]"},"collapse":true,"offset":1}"#,
        ].map { Array($0.utf8) }
        let codes: Set<String> = ["bad_json", "bad_request", "unknown_op", "bad_query", "not_found"]
        var random = SplitMix64(seed: 42)
        var lines: [[UInt8]] = []
        for round in 0..<600 {
            var line = valid[round % valid.count]
            for _ in 0..<Int.random(in: 1...6, using: &random) where !line.isEmpty {
                let at = Int.random(in: 0..<line.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: line[at] = UInt8.random(in: 0...255, using: &random)
                case 1: line.remove(at: at)
                case 2: line.insert(Array(#"{}[]",:\0e-"#.utf8).randomElement(using: &random)!, at: at)
                default: line.insert(contentsOf: line[at..<min(line.count, at + 8)], at: at)
                }
            }
            // One line each: no newlines inside, and not blank (blank lines get no answer).
            line = line.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { line = Array("x".utf8) }
            lines.append(line)
        }
        let client = try RawSocket(daemon.socketPath)
        try client.send(lines.flatMap { $0 + [UInt8(ascii: "\n")] })
        for line in lines {
            let answer = try client.readAnswer()
            let outcome = answer.map { $0.isOK ? "ok" : $0.errorCode ?? "no code" } ?? "closed"
            #expect(outcome == "ok" || codes.contains(outcome), "\(String(decoding: line, as: UTF8.self)): \(outcome)")
        }
        #expect(try client.roundTrip(#"{"op":"ping"}"#).isOK)
        #expect(daemon.process.isRunning)
    }
}
