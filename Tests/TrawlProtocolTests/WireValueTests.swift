import Testing
import TrawlProtocol
import TrawlTestSupport

@Suite(.ownThreads) struct WireValueTests {
    static func parse(_ text: String) throws -> WireValue {
        try WireJSONParser.parse(text)
    }

    @Test func jsonTextSortsKeysAndKeepsNumbersAsWritten() throws {
        let value = try Self.parse(#"{"z":1e3,"a":[true,null,"x\"y"],"m":{"b":7.50,"a":-0}}"#)
        #expect(value.jsonText() == #"{"a":[true,null,"x\"y"],"m":{"a":-0,"b":7.50},"z":1e3}"#)
    }

    @Test func jsonTextRoundTripsThroughTheParser() throws {
        let samples = [#"[]"#, #"{}"#, #""tab\tnewline\ncontrol\u0001""#, #"[1,[2,[3,{"k":"é\u00e9"}]]]"#, "-12.5e-3"]
        for sample in samples {
            let value = try Self.parse(sample)
            #expect(try Self.parse(value.jsonText()) == value, "\(sample)")
        }
    }

    @Test func literalsBuildRequests() {
        let request: WireValue = ["op": "search", "limit": 10, "snippet": false, "source": ["bbc", "sky"]]
        #expect(request.jsonText() == #"{"limit":10,"op":"search","snippet":false,"source":["bbc","sky"]}"#)
    }

    @Test func readersAnswerOnlyForTheirType() throws {
        let value = try Self.parse(#"{"n":3,"x":2.5,"s":"t","b":true,"a":[1],"o":{"k":"v"}}"#)
        #expect(value["n"]?.int == 3 && value["n"]?.double == 3)
        #expect(value["x"]?.int == nil && value["x"]?.double == 2.5)
        #expect(value["s"]?.text == "t" && value["s"]?.int == nil)
        #expect(value["b"]?.bool == true && value["b"]?.text == nil)
        #expect(value["a"]?.elements?.count == 1 && value["a"]?.members == nil)
        #expect(value["o"]?["k"]?.text == "v")
        #expect(value["missing"] == nil && value["s"]?["k"] == nil)
    }
}
