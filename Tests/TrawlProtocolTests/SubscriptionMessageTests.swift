import Testing
import TrawlProtocol
import TrawlTestSupport

/// `subscribe`, `unsubscribe` and the event lines (PROTOCOL Additions): decoded and written as the
/// protocol spells them; an event line is told from an answer by its `event` member.
@Suite(.ownThreads) struct SubscriptionMessageTests {
    private func decode(_ line: String) throws(ProtocolError) -> Request { try RequestDecoder().decode(Array(line.utf8)).request }

    @Test func subscribeTakesTheFiltersOfSearchAndSinceSeq() throws {
        var search = SearchRequest(filters: SearchFilters(q: "ferry"))
        search.filters.sources = ["bbc"]
        search.snippet = false
        #expect(
            try decode(#"{"op":"subscribe","q":"ferry","source":"bbc","snippet":false,"since_seq":42}"#)
                == .subscribe(SubscribeRequest(search: search, sinceSeq: 42)))
        #expect(try decode(#"{"op":"subscribe","q":"ferry"}"#) == .subscribe(SubscribeRequest(search: SearchRequest(filters: SearchFilters(q: "ferry")))))
        #expect(throws: ProtocolError.self) { try decode(#"{"op":"subscribe","q":"ferry","since_seq":-1}"#) }
        #expect(throws: ProtocolError.self) { try decode(#"{"op":"subscribe"}"#) }
        #expect(try decode(#"{"op":"unsubscribe","subscription":"s3"}"#) == .unsubscribe(UnsubscribeRequest(subscription: "s3")))
        #expect(throws: ProtocolError.self) { try decode(#"{"op":"unsubscribe"}"#) }
    }

    @Test func eventLinesRoundTrip() throws {
        let hit = Hit(id: "wire/1", rank: 1, score: 2.5, percent: 100, title: "Ferry", snippet: "the <b>ferry</b>")
        let event = SubscriptionEvent.hit(subscription: "s1", seq: 17, hit: hit)
        let line = String(decoding: event.encoded(), as: UTF8.self)
        #expect(line.hasPrefix(#"{"event":"hit","subscription":"s1","seq":17,"hit":{"id":"wire/1","#) && line.hasSuffix("}\n"))
        #expect(SubscriptionEvent(reading: try WireJSONParser.parse(String(line.dropLast()))) == event)

        let dropped = SubscriptionEvent.error(subscription: "s2", code: .overloaded, message: "too far behind")
        let text = String(decoding: dropped.encoded(), as: UTF8.self)
        #expect(text == #"{"event":"error","subscription":"s2","error":{"code":"overloaded","message":"too far behind"}}"# + "\n")
        #expect(SubscriptionEvent(reading: try WireJSONParser.parse(String(text.dropLast()))) == dropped)
        // An answer is not an event.
        #expect(SubscriptionEvent(reading: try WireJSONParser.parse(#"{"ok":true,"subscription":"s1","seq":3}"#)) == nil)
    }
}
