import Testing
import TrawlProtocol
import TrawlTestSupport

/// Responses are one line each, keys in a fixed order (`id`, `ok`, then the result), strings
/// escaped per RFC 8259, and fields a hit does not have left out rather than sent empty.
@Suite(.ownThreads) struct ResponseLineTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func envelopeKeyOrder() {
        #expect(text(ResponseLine.pong(id: .int(7))) == #"{"id":7,"ok":true}"# + "\n")
        #expect(text(ResponseLine.pong(id: nil)) == #"{"ok":true}"# + "\n")
        #expect(text(ResponseLine.pong(id: .number("1e3"))) == #"{"id":1e3,"ok":true}"# + "\n")
        let failure = ProtocolError(.badQuery, "fix \"it\"", id: .string("a"))
        #expect(text(ResponseLine.failure(failure))
            == #"{"id":"a","ok":false,"error":{"code":"bad_query","message":"fix \"it\""}}"# + "\n")
    }

    @Test func stringEscaping() {
        var json = JSONWriter()
        json.string("q\"b\\s/\n\r\t\u{08}\u{0C}\u{01}\u{1F}é😀\u{2028}")
        #expect(text(json.bytes) == #""q\"b\\s/\n\r\t\b\f\u0001\u001fé😀"# + "\u{2028}\"")
        // And it parses back to the same string.
        let parsed = json.bytes.withUnsafeBufferPointer { try? WireJSONParser.parse($0) }
        #expect(parsed == .string("q\"b\\s/\n\r\t\u{08}\u{0C}\u{01}\u{1F}é😀\u{2028}"))
    }

    @Test func searchResultOmitsMissingFields() {
        let bare = Hit(id: "a.txt", rank: 1, score: 1.5, percent: 100)
        var full = bare
        full.id = "b.txt"
        full.title = "T"
        full.source = "bbc"
        full.url = "https://bbc.co.uk/x"
        full.site = "bbc.co.uk"
        full.date = "2025-05-15T11:13:00Z"
        full.byline = ""  // empty counts as missing
        full.snippet = "a <b>b</b>"
        full.duplicates = 2
        let result = SearchResult(
            total: .init(estimate: 2, lower: 2, upper: 3), hits: [bare, full], facets: [:], corrected: nil,
            searchedCorrected: false)
        let line = text(ResponseLine.success(id: .int(1), SearchResponse(result: result, tookMs: 0.4216, generation: 4)))
        #expect(
            line == #"{"id":1,"ok":true,"total":{"estimate":2,"lower":2,"upper":3},"hits":["#
                + #"{"id":"a.txt","rank":1,"score":1.5,"percent":100},"#
                + #"{"id":"b.txt","rank":1,"score":1.5,"percent":100,"title":"T","source":"bbc","url":"https://bbc.co.uk/x","#
                + #""site":"bbc.co.uk","date":"2025-05-15T11:13:00Z","snippet":"a <b>b</b>","copies":2,"duplicates":2}],"#
                + #""took_ms":0.422,"generation":4}"# + "\n")
        #expect(!line.contains("null") && !line.contains("\"\""))
    }

    @Test func facetsAndCorrectionAreDeterministic() {
        let result = SearchResult(
            total: .init(estimate: 0, lower: 0, upper: 0), hits: [],
            facets: ["year": ["2025": 2, "2024": 1], "source": ["sky": 1, "bbc": 2]], corrected: "storm",
            searchedCorrected: true)
        let line = text(ResponseLine.success(id: nil, SearchResponse(result: result, tookMs: 1, generation: 1)))
        #expect(line.contains(#""facets":{"source":{"bbc":2,"sky":1},"year":{"2024":1,"2025":2}},"corrected":"storm""#))
    }

    @Test func documentAndStats() {
        let doc = Document(id: "x", title: "T", source: "bbc", date: "1970-01-01T00:00:00Z", day: "1970-01-01", body: "B\n")
        #expect(
            text(ResponseLine.success(id: .int(2), GetResponse(doc: doc, generation: 1)))
                == #"{"id":2,"ok":true,"doc":{"id":"x","title":"T","source":"bbc","date":"1970-01-01T00:00:00Z","day":"1970-01-01","body":"B\n"},"generation":1}"#
                + "\n")
        let stats = StatsResponse(
            documents: 5, generation: 2, index: "/i", updated: nil, uptimeSeconds: 1.5, requests: 3, errors: 1,
            connections: 1, latencyP50Ms: 0.25, latencyP99Ms: 2, workers: 2, queued: 0)
        #expect(
            text(ResponseLine.success(id: nil, stats))
                == #"{"ok":true,"documents":5,"generation":2,"index":"/i","uptime_s":1.5,"requests":3,"errors":1,"#
                + #""connections":1,"latency_ms":{"p50":0.25,"p99":2.0},"workers":2,"queued":0}"# + "\n")
    }

    @Test func helloNamesTheServer() {
        #expect(
            text(ResponseLine.success(id: nil, HelloResponse(generation: 3, documents: 10)))
                == #"{"ok":true,"server":"trawld","version":"\#(TrawlVersion.string)","protocol":1,"generation":3,"documents":10,"ops":["ping","hello","search","count","get","stats","reload","histogram","similar","put","delete","subscribe","unsubscribe"]}"#
                + "\n")
    }
}
