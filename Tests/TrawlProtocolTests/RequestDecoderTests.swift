import Testing
import TrawlProtocol
import TrawlTestSupport

/// Request lines become validated requests; every malformed one gets the protocol's code
/// (`bad_json`, `bad_request`, `unknown_op`) and a message naming the field, with the `id`
/// echoed whenever the line was readable far enough to find it.
@Suite(.ownThreads) struct RequestDecoderTests {
    let decoder = RequestDecoder()

    func decode(_ line: String) throws(ProtocolError) -> Envelope { try decoder.decode(Array(line.utf8)) }

    func failure(_ line: String) -> ProtocolError? {
        do {
            _ = try decode(line)
            return nil
        } catch {
            return error
        }
    }

    @Test func simpleOps() throws {
        #expect(try decode(#"{"op":"ping"}"#) == Envelope(id: nil, request: .ping))
        #expect(try decode(#"{"id":7,"op":"hello"}"#) == Envelope(id: .int(7), request: .hello))
        #expect(try decode(#" {"op":"stats","id":"s-1"} "#) == Envelope(id: .string("s-1"), request: .stats))
        #expect(try decode(#"{"op":"reload"}"#).request == .reload)
        #expect(try decode(#"{"op":"get","article":"a/b.txt"}"#).request == .get(GetRequest(article: "a/b.txt")))
    }

    @Test func idIsEchoedAsWritten() throws {
        #expect(try decode(#"{"id":7.50,"op":"ping"}"#).id == .number("7.50"))
        #expect(try decode(#"{"id":-1e3,"op":"ping"}"#).id == .number("-1e3"))
        #expect(try decode(#"{"id":"\u00e9\n","op":"ping"}"#).id == .string("é\n"))
    }

    @Test func searchDefaults() throws {
        guard case .search(let query) = try decode(#"{"op":"search","q":"storm","unknown_field":[1,{"x":null}]}"#).request
        else { Issue.record("not a search"); return }
        #expect(query.filters.q == "storm")
        #expect(query.limit == 10 && query.offset == 0 && query.sort == .relevance)
        #expect(query.snippet && query.highlight.pre == "<b>" && query.highlight.post == "</b>")
        #expect(query.filters.sources.isEmpty && query.facets.isEmpty && query.filters.collapse == nil)
        #expect(query.filters.since == nil && query.filters.until == nil && query.filters.operator == nil)
    }

    /// `collapse` takes true or the grouping's name: `"copies"` is `true`.
    @Test func collapseByName() throws {
        let cases: [(String, Grouping?)] = [("true", .copies), (#""copies""#, .copies), (#""story""#, .story), ("false", nil), ("null", nil)]
        for (value, collapse) in cases {
            guard case .search(let query) = try decode(#"{"op":"search","q":"x","collapse":"# + value + "}").request
            else { Issue.record("not a search"); return }
            #expect(query.filters.collapse == collapse, "\(value)")
        }
    }

    @Test func searchWithEveryField() throws {
        let line = #"""
            {"op":"search","q":"a b","limit":0,"offset":20,"sort":"newest","source":["bbc","sky"],"since":"2024-02-29",
             "until":"2025-01-31","snippet":false,"highlight":{"pre":"[","post":"]"},"facets":["year","source","year"],
             "collapse":true,"operator":"or"}
            """#.replacingOccurrences(of: "\n", with: "")
        guard case .search(let query) = try decode(line).request else { Issue.record("not a search"); return }
        #expect(query.limit == 0 && query.offset == 20 && query.sort == .newest)
        #expect(query.filters.sources == ["bbc", "sky"])
        #expect(query.filters.since == "2024-02-29" && query.filters.until == "2025-01-31")
        #expect(!query.snippet && query.highlight.pre == "[" && query.highlight.post == "]")
        #expect(query.facets == [.year, .source])
        #expect(query.filters.collapse == .copies && query.filters.operator == .or)
        guard case .search(let single) = try decode(#"{"op":"search","q":"x","source":"bbc","limit":1000}"#).request
        else { return }
        #expect(single.filters.sources == ["bbc"] && single.limit == 1000)
    }

    @Test func countTakesTheFilters() throws {
        guard case .count(let query) = try decode(#"{"op":"count","q":"x","source":"bbc","since":"2025-01-01","limit":5}"#).request
        else { Issue.record("not a count"); return }
        #expect(query.filters.q == "x" && query.filters.sources == ["bbc"] && query.filters.since == "2025-01-01")
    }

    @Test func histogramTakesTheFiltersAndAnInterval() throws {
        var expected = SearchFilters(q: "x")
        expected.sources = ["bbc"]
        expected.since = "-7d"
        #expect(try decode(#"{"op":"histogram","q":"x","source":"bbc","since":"-7d"}"#).request
            == .histogram(HistogramRequest(filters: expected, interval: .day)))
        #expect(try decode(#"{"op":"histogram","q":"","interval":"week"}"#).request
            == .histogram(HistogramRequest(filters: SearchFilters(q: ""), interval: .week)))
    }

    @Test func similarTakesAnArticleAndTheFieldsOfSearch() throws {
        guard case .similar(let similar) = try decode(#"{"op":"similar","article":"a/b","limit":3,"source":"bbc"}"#).request
        else { Issue.record("not similar"); return }
        #expect(similar.article == "a/b" && similar.search.limit == 3 && similar.search.filters.sources == ["bbc"])
        #expect(similar.search.filters.q == "", "q is optional: every article may be similar")
    }

    @Test(arguments: [
        "not json", "{", "[1,2]", "\"op\"", "42", "null", "{\"op\":\"ping\"} x", "{\"op\":\"ping\",}", "{'op':'ping'}",
        "{\"op\":\"pi\u{01}ng\"}", "{\"op\":\"\\x\"}", "{\"a\":\"\\ud800\"}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}", "",
    ])
    func badJSON(_ line: String) {
        #expect(failure(line)?.code == .badJSON)
        #expect(failure(line)?.id == nil)
    }

    @Test func invalidUTF8IsBadJSON() {
        let bytes: [UInt8] = Array(#"{"op":"search","q":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect(throws: ProtocolError(.badJSON, "the request is not valid UTF-8")) { try decoder.decode(bytes) }
    }

    @Test func deepNestingIsBadJSON() {
        let line = #"{"op":"ping","x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(failure(line)?.code == .badJSON)
    }

    @Test func unknownOp() {
        let failure = failure(#"{"id":3,"op":"explode"}"#)
        #expect(failure?.code == .unknownOp)
        #expect(failure?.id == .int(3))
        #expect(failure?.message.contains("explode") == true)
    }

    /// (line, field the message must name)
    @Test(arguments: [
        (#"{"id":1}"#, "op"),
        (#"{"id":1,"op":5}"#, "op"),
        (#"{"id":1,"op":"search"}"#, "q"),
        (#"{"id":1,"op":"search","q":7}"#, "q"),
        (#"{"id":1,"op":"search","q":"x","limit":-1}"#, "limit"),
        (#"{"id":1,"op":"search","q":"x","limit":1000000000000}"#, "limit"),
        (#"{"id":1,"op":"search","q":"x","limit":1001}"#, "limit"),
        (#"{"id":1,"op":"search","q":"x","limit":2.5}"#, "limit"),
        (#"{"id":1,"op":"search","q":"x","limit":"10"}"#, "limit"),
        (#"{"id":1,"op":"search","q":"x","limit":true}"#, "limit"),
        (#"{"id":1,"op":"search","q":"x","offset":9223372036854775808}"#, "offset"),
        (#"{"id":1,"op":"search","q":"x","offset":-5}"#, "offset"),
        (#"{"id":1,"op":"search","q":"x","sort":"x"}"#, "sort"),
        (#"{"id":1,"op":"search","q":"x","source":3}"#, "source"),
        (#"{"id":1,"op":"search","q":"x","source":["bbc",3]}"#, "source"),
        (#"{"id":1,"op":"search","q":"x","since":"2025-13-45"}"#, "since"),
        (#"{"id":1,"op":"search","q":"x","until":"2025-02-29"}"#, "until"),
        (#"{"id":1,"op":"search","q":"x","since":"tomorrow"}"#, "since"),
        (#"{"id":1,"op":"search","q":"x","since":"-7x"}"#, "since"),
        (#"{"id":1,"op":"search","q":"x","until":"7d"}"#, "until"),
        (#"{"id":1,"op":"search","q":"x","since":"-1d","until":"-2d"}"#, "since"),
        (#"{"id":1,"op":"search","q":"x","since":"2025-05-02","until":"2025-05-01"}"#, "since"),
        (#"{"id":1,"op":"search","q":"x","snippet":"yes"}"#, "snippet"),
        (#"{"id":1,"op":"search","q":"x","highlight":"<b>"}"#, "highlight"),
        (#"{"id":1,"op":"search","q":"x","highlight":{"pre":1}}"#, "highlight.pre"),
        (#"{"id":1,"op":"search","q":"x","facets":["source","weather"]}"#, "facets"),
        (#"{"id":1,"op":"search","q":"x","facets":"source"}"#, "facets"),
        (#"{"id":1,"op":"search","q":"x","collapse":1}"#, "collapse"),
        (#"{"id":1,"op":"search","q":"x","collapse":"duplicates"}"#, "collapse"),
        (#"{"id":1,"op":"search","q":"x","operator":"xor"}"#, "operator"),
        (#"{"id":1,"op":"search","q":"a\u0000b"}"#, "q"),
        (#"{"id":1,"op":"count"}"#, "q"),
        (#"{"id":1,"op":"count","q":"x","since":"2025-1-1"}"#, "since"),
        (#"{"id":1,"op":"histogram"}"#, "q"),
        (#"{"id":1,"op":"histogram","q":"x","interval":"hour"}"#, "interval"),
        (#"{"id":1,"op":"similar"}"#, "article"),
        (#"{"id":1,"op":"similar","article":""}"#, "article"),
        (#"{"id":1,"op":"similar","article":"a","limit":1001}"#, "limit"),
        (#"{"id":1,"op":"get"}"#, "article"),
        (#"{"id":1,"op":"get","article":12}"#, "article"),
        (#"{"id":1,"op":"get","article":""}"#, "article"),
    ])
    func badRequestNamesTheField(_ line: String, _ field: String) {
        let failure = failure(line)
        #expect(failure?.code == .badRequest, "\(line)")
        #expect(failure?.message.hasPrefix(field) == true, "\(failure?.message ?? "no failure") should start with \(field)")
        #expect(failure?.id == .int(1))
    }

    @Test func badIdIsBadRequestWithoutId() {
        let failure = failure(#"{"id":{"a":1},"op":"ping"}"#)
        #expect(failure?.code == .badRequest)
        #expect(failure?.id == nil)
        #expect(failure?.message.hasPrefix("id") == true)
    }

    @Test func configuredMaximumLimit() {
        let strict = RequestDecoder(maximumLimit: 50)
        #expect(throws: ProtocolError.self) { try strict.decode(Array(#"{"op":"search","q":"x","limit":51}"#.utf8)) }
        #expect(throws: Never.self) { try strict.decode(Array(#"{"op":"search","q":"x","limit":50}"#.utf8)) }
    }

    /// The size limit on `q` counts words, not bytes: spaces are free, words are what cost.
    @Test func queryLimitCountsWordsNotPadding() throws {
        let padded = String(repeating: " ", count: 8000) + "albania" + String(repeating: " ", count: 8000)
        guard case .search(let query) = try decode(#"{"op":"search","q":"\#(padded)"}"#).request else {
            Issue.record("not a search")
            return
        }
        #expect(query.filters.q == padded)
        let words = String(repeating: "hubs ", count: Limits.queryWords)
        #expect(throws: Never.self) { try decode(#"{"op":"count","q":"\#(words)"}"#) }
        let failure = failure(#"{"id":1,"op":"search","q":"\#(words) one more"}"#)
        #expect(failure?.code == .badRequest && failure?.message.hasPrefix("q has 258 words") == true, "\(failure?.message ?? "")")
    }

    @Test func correctTakesAutoSuggestOrOff() throws {
        for choice in Correction.allCases {
            guard case .search(let query) = try decode(#"{"op":"search","q":"x","correct":"\#(choice.rawValue)"}"#).request else {
                Issue.record("not a search")
                continue
            }
            #expect(query.correct == choice)
        }
        guard case .search(let plain) = try decode(#"{"op":"search","q":"x"}"#).request else { return }
        #expect(plain.correct == .auto)
        #expect(failure(#"{"op":"search","q":"x","correct":"always"}"#)?.message.hasPrefix("correct") == true)
    }

    @Test func longValuesAreNotEchoedInFull() {
        let line = #"{"op":"search","q":"x","sort":""# + String(repeating: "z", count: 10_000) + #""}"#
        let message = failure(line)?.message ?? ""
        #expect(message.utf8.count < 200)
    }

    @Test func encodedRequestsRoundTrip() throws {
        var query = SearchRequest(filters: SearchFilters(q: "storm \"quoted\""))
        query.limit = 3
        query.filters.sources = ["bbc"]
        query.filters.operator = .or
        query.facets = [.month]
        query.highlight.pre = "["
        query.correct = .suggest
        for envelope in [
            Envelope(id: .int(1), request: .search(query)), Envelope(id: .string("x"), request: .ping),
            Envelope(id: nil, request: .get(GetRequest(article: "a\tb"))),
            Envelope(id: .number("2.50"), request: .count(CountRequest(filters: query.filters))),
            Envelope(id: .int(3), request: .histogram(HistogramRequest(filters: query.filters, interval: .month))),
            Envelope(id: .int(4), request: .similar(SimilarRequest(article: "a/b", search: query))),
        ] {
            let line = envelope.encoded()
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(try decoder.decode(line.dropLast()) == envelope)
        }
    }
}
