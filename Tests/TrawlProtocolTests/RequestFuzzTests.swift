import Testing
import TrawlProtocol
import TrawlTestSupport

/// No request line, however broken, makes the decoder trap, hang or answer outside the
/// protocol: seeded random bytes, JSON-like token soup, mutations of valid requests, odd
/// numbers and escapes, and deep nesting each decode either to a request (which re-encodes to
/// itself) or to a `ProtocolError` with a client error code and a short message.
/// (libFuzzer runs the same decoder without a time limit: Fuzz/README.md.)
@Suite(.ownThreads, .timeLimit(.minutes(1))) struct RequestFuzzTests {
    let decoder = RequestDecoder()

    static let valid = [
        #"{"id":1,"op":"search","q":"\"return hubs\" date:2025-05..","limit":3,"offset":2,"sort":"newest","source":["bbc","sky"],"since":"2024-02-29","until":"2025-12-31","snippet":false,"highlight":{"pre":"[","post":"]"},"facets":["source","year","month"],"collapse":true,"operator":"or"}"#,
        #"{"id":"c-1","op":"count","q":"storm","source":"bbc"}"#, #"{"id":7.5e1,"op":"get","article":"a/b.txt"}"#,
        #"{"op":"ping"}"#, #"{"op":"hello","id":null}"#, #"{"op":"stats"}"#, #"{"op":"reload"}"#,
        #"{"op":"search","q":"caf\u00e9 \ud83d\ude00","highlight":{"pre":"\u0001"}}"#,
    ].map { Array($0.utf8) }

    static let tokens = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\u0000", "0", "-", "1e", ".5", "E+9",
        "true", "false", "null", " ", "\t", "\"op\"", "\"id\"", "\"q\"", "\"limit\"", "\"offset\"", "\"source\"",
        "\"highlight\"", "\"pre\"", "\"facets\"", "\"search\"", "\"count\"", "\"get\"", "\"article\"", "\"since\"",
        "\"2025-02-29\"", "99999999999999999999", "1e400", "-0", "é", "\u{FFFF}",
    ].map { Array($0.utf8) }

    static let clientCodes: Set<ErrorCode> = [.badJSON, .badRequest, .unknownOp]

    /// True when the line decoded to a request.
    @discardableResult
    func check(_ bytes: [UInt8]) -> Bool {
        let started = ContinuousClock.now
        defer { #expect(ContinuousClock.now - started < .seconds(5), "one line took over 5 s (a hang?)") }
        do {
            let envelope = try decoder.decode(bytes)
            #expect(try decoder.decode(envelope.encoded().dropLast()) == envelope, "\(String(decoding: bytes, as: UTF8.self))")
            return true
        } catch {
            #expect(Self.clientCodes.contains(error.code), "\(error)")
            #expect(!error.message.isEmpty && error.message.utf8.count < 400, "\(error.message.prefix(500))")
            return false
        }
    }

    @Test func randomBytes() {
        var random = SplitMix64(seed: 1)
        for _ in 0..<3000 {
            check((0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
    }

    @Test func tokenSoup() {
        var random = SplitMix64(seed: 2)
        for _ in 0..<5000 {
            check((0..<Int.random(in: 1...40, using: &random)).flatMap { _ in Self.tokens.randomElement(using: &random)! })
        }
    }

    @Test func mutatedValidRequests() {
        var random = SplitMix64(seed: 3)
        var decoded = 0
        for round in 0..<6000 {
            var line = Self.valid[round % Self.valid.count]
            for _ in 0..<Int.random(in: 1...8, using: &random) where !line.isEmpty {
                let at = Int.random(in: 0..<line.count, using: &random)
                switch Int.random(in: 0..<6, using: &random) {
                case 0: line[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
                case 1: line.remove(at: at)
                case 2: line.insert(contentsOf: Self.tokens.randomElement(using: &random)!, at: at)
                case 3: line.insert(contentsOf: line[at..<min(line.count, at + 16)], at: at)
                case 4: line.removeSubrange(at..<min(line.count, at + Int.random(in: 1...12, using: &random)))
                default: line = Array(line[..<at])
                }
            }
            if check(line) { decoded += 1 }
        }
        #expect(decoded > 50, "mutations that still decode exercise the validation and the round trip")
    }

    @Test func numbersAndEscapesAtTheEdges() {
        let numbers = [
            "0", "-0", "1e400", "-1e400", "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "4294966295", "4294966296", "1000", "1000.0", "1e3", "10E-1", "0.1e1", "123456789012345678901234567890",
        ]
        for number in numbers {
            for field in ["id", "limit", "offset"] {
                check(Array(#"{"op":"search","q":"x","\#(field)":\#(number)}"#.utf8))
            }
        }
        let escapes = [#"\ud800"#, #"\udc00"#, #"\ud800\ud800"#, #"\ud83d\ude00"#, #"\u0000"#, #"\uFFFF"#, #"\/"#, #"\x"#, #"\u12"#]
        for escape in escapes {
            check(Array(#"{"op":"get","article":"a\#(escape)b"}"#.utf8))
            check(Array(#"{"op":"search","q":"\#(escape)","highlight":{"post":"\#(escape)"}}"#.utf8))
        }
    }

    @Test func deepNesting() {
        for depth in [63, 64, 65, 1000, 100_000] {
            let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let objects = String(repeating: #"{"a":"#, count: depth) + "0" + String(repeating: "}", count: depth)
            for nested in [arrays, objects, String(repeating: "[", count: depth), String(repeating: #"{"a":"#, count: depth)] {
                check(Array(nested.utf8))
                check(Array(#"{"op":"search","q":"x","highlight":\#(nested)}"#.utf8))
            }
        }
    }
}
