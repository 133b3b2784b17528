import Testing
import TrawlProtocol
import TrawlTestSupport

/// What the server writes, a client reads back as the same value: the writer and the lenient
/// reader of every response cannot drift apart. Seeded random values, including odd text.
@Suite(.ownThreads) struct ResponseRoundTripTests {
    static let texts = ["a", "Smith & \"Ferry\"", "é 😀 \u{2028}", "line\nbreak\t", "<b>x</b>", "\\", "\u{1}"]

    static func text(_ random: inout SplitMix64) -> String? {
        Bool.random(using: &random) ? nil : texts.randomElement(using: &random)! + String(Int.random(in: 0...99, using: &random))
    }

    static func hit(_ random: inout SplitMix64) -> Hit {
        Hit(
            id: text(&random) ?? "id", rank: Int.random(in: 1...1000, using: &random),
            score: Double(Int.random(in: 0...100_000, using: &random)) / 7, percent: Int.random(in: 0...100, using: &random),
            title: text(&random), titleHighlighted: text(&random), source: text(&random), url: text(&random),
            site: text(&random), date: text(&random), day: text(&random), byline: text(&random), snippet: text(&random),
            duplicates: Bool.random(using: &random) ? 0 : Int.random(in: 1...9, using: &random), cluster: text(&random))
    }

    /// The body of a response line written by the server, read as a client reads it.
    static func readBack<R: ResponseBody>(_ body: R) throws -> R {
        let line = ResponseLine.success(id: .int(1), body)
        return R(reading: try WireJSONParser.parse(String(decoding: line.dropLast(), as: UTF8.self)))
    }

    @Test func searchAnswers() throws {
        var random = SplitMix64(seed: 16)
        for _ in 0..<300 {
            let hits = (0..<Int.random(in: 0...5, using: &random)).map { _ in Self.hit(&random) }
            var facets: [String: [String: Int]] = [:]
            if Bool.random(using: &random) { facets = [Facet.source.rawValue: ["bbc": 2, Self.texts[1]: 1], Facet.year.rawValue: [:]] }
            let result = SearchResult(
                total: .init(estimate: 9, lower: Int.random(in: 0...9, using: &random), upper: 12), hits: hits,
                facets: facets, corrected: Self.text(&random), searchedCorrected: Bool.random(using: &random))
            let response = SearchResponse(result: result, tookMs: Double(Int.random(in: 0...9999, using: &random)) / 1000, generation: 3)
            #expect(try Self.readBack(response) == response)
        }
    }

    @Test func otherAnswers() throws {
        var random = SplitMix64(seed: 17)
        for _ in 0..<100 {
            let doc = Document(
                id: "x", title: Self.text(&random), source: Self.text(&random), url: Self.text(&random),
                site: Self.text(&random), date: Self.text(&random), day: Self.text(&random), updated: Self.text(&random),
                byline: Self.text(&random), body: Self.text(&random) ?? "")
            #expect(try Self.readBack(GetResponse(doc: doc, generation: 2)) == GetResponse(doc: doc, generation: 2))
        }
        let count = CountResponse(total: .init(estimate: 5, lower: 5, upper: 5), tookMs: 0.25, generation: 7)
        #expect(try Self.readBack(count) == count)
        let histogram = HistogramResponse(
            total: .init(estimate: 4, lower: 4, upper: 4),
            buckets: [HistogramBucket(start: "2025-05-12", count: 3), HistogramBucket(start: "2025-05-19", count: 0)], undated: 1,
            tookMs: 0.5, generation: 3)
        #expect(try Self.readBack(histogram) == histogram)
        #expect(try Self.readBack(HelloResponse(generation: 1, documents: 2)) == HelloResponse(generation: 1, documents: 2))
        #expect(try Self.readBack(ReloadResponse(generation: 4, documents: 5)) == ReloadResponse(generation: 4, documents: 5))
        let stats = StatsResponse(
            documents: 5, generation: 2, index: "/i", updated: "2025-01-01T00:00:00Z", uptimeSeconds: 1.5, requests: 3,
            errors: 1, connections: 1, latencyP50Ms: 0.25, latencyP99Ms: 2, workers: 2, queued: 0)
        #expect(try Self.readBack(stats) == stats)
    }

    /// The hit's story is read back; a newer daemon's members a client does not know survive into `--json` output.
    @Test func storyOfAHitIsReadBack() throws {
        let hit = Hit(reading: try WireJSONParser.parse(#"{"id":"a","rank":1,"score":2,"percent":50,"story":"s-1","cluster":"c"}"#))
        #expect(hit.story == "s-1" && hit.cluster == "c" && hit.extra.isEmpty)
        #expect(hit.jsonValue.jsonText() == #"{"cluster":"c","id":"a","percent":50,"rank":1,"score":2.0,"story":"s-1"}"#)
    }

    @Test func unknownMembersOfAHitAreKept() throws {
        let hit = Hit(reading: try WireJSONParser.parse(#"{"id":"a","rank":1,"score":2,"percent":50,"trend":"s-1","lead":3}"#))
        #expect(hit.extra == ["trend": .string("s-1"), "lead": .number(WireNumber(3))])
        #expect(hit.jsonValue.jsonText() == #"{"id":"a","lead":3,"percent":50,"rank":1,"score":2.0,"trend":"s-1"}"#)
    }

    /// `copies` and its older name `duplicates` are one count; `cluster` names the group.
    @Test func copiesAreSentUnderBothNames() throws {
        let hit = Hit(id: "a", rank: 1, score: 2, percent: 50, duplicates: 3, cluster: "wire-1")
        #expect(hit.jsonValue.jsonText() == #"{"cluster":"wire-1","copies":3,"duplicates":3,"id":"a","percent":50,"rank":1,"score":2.0}"#)
        let older = Hit(reading: try WireJSONParser.parse(#"{"id":"a","rank":1,"score":2,"percent":50,"duplicates":3}"#))
        #expect(older.duplicates == 3 && older.extra.isEmpty)
    }
}
