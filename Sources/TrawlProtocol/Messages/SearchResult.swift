/// The answer to a search, as the engine gives it and as it goes on the wire (flat, beside
/// `took_ms` and `generation`).
public struct SearchResult: Sendable, Equatable {
    /// The number of matches: exact when `lower == upper`, else Xapian's estimate and bounds.
    public struct Totals: Sendable, Equatable {
        public var estimate: Int
        public var lower: Int
        public var upper: Int
        public init(estimate: Int, lower: Int, upper: Int) {
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
        }
        /// No match at all.
        public static let none = Totals(estimate: 0, lower: 0, upper: 0)
        public var isExact: Bool { lower == upper }
    }

    public var total: Totals
    public var hits: [Hit]
    /// facet name -> value -> count, over all matches.
    public var facets: [String: [String: Int]]
    /// The spelling-corrected query, when Xapian proposes one.
    public var corrected: String?
    /// True when the query as typed found nothing and these hits are for `corrected`.
    public var searchedCorrected: Bool
    /// Shards of a sharded index that gave nothing to this answer (down, or failed during it),
    /// by name (`shard-1`); empty when every shard answered.
    public var missingShards: [String]

    public init(
        total: Totals, hits: [Hit], facets: [String: [String: Int]] = [:], corrected: String? = nil,
        searchedCorrected: Bool = false, missingShards: [String] = []
    ) {
        self.total = total
        self.hits = hits
        self.facets = facets
        self.corrected = corrected
        self.searchedCorrected = searchedCorrected
        self.missingShards = missingShards
    }
}

/// `"partial": true, "missing_shards": [...]` (PROTOCOL Additions), only when a shard is missing.
enum MissingShards {
    static func write(_ names: [String], into json: inout JSONWriter) {
        guard !names.isEmpty else { return }
        json.field(Keys.partial, true)
        json.key(Keys.missingShards)
        json.array { json in names.forEach { json.string($0) } }
    }

    static func read(_ fields: inout ResponseFields) -> [String] {
        _ = fields.bool(Keys.partial)  // implied by the names
        return (fields.array(Keys.missingShards) ?? []).compactMap(\.text)
    }
}

extension SearchResult.Totals {
    func write(into json: inout JSONWriter) {
        json.key(Keys.total)
        json.object { json in
            json.field(Keys.estimate, estimate)
            json.field(Keys.lower, lower)
            json.field(Keys.upper, upper)
        }
    }

    /// nil when the answer has no `total` object.
    init?(reading value: WireValue?) {
        guard let value, value.members != nil else { return nil }
        var fields = ResponseFields(value)
        let estimate = fields.int(Keys.estimate) ?? 0
        self.init(estimate: estimate, lower: fields.int(Keys.lower) ?? estimate, upper: fields.int(Keys.upper) ?? estimate)
    }
}

/// `search`: totals, hits, facets, the spelling correction, timing and the generation served from.
public struct SearchResponse: ResponseBody, Equatable {
    public var result: SearchResult
    public var tookMs: Double
    public var generation: Int

    public init(result: SearchResult, tookMs: Double, generation: Int) {
        self.result = result
        self.tookMs = tookMs
        self.generation = generation
    }

    public func write(into json: inout JSONWriter) {
        result.total.write(into: &json)
        json.key(Keys.hits)
        json.array { json in
            for hit in result.hits { json.object { json in hit.write(into: &json) } }
        }
        if !result.facets.isEmpty {
            json.key(Keys.facets)
            Self.write(result.facets, into: &json)
        }
        json.field(Keys.corrected, ifPresent: result.corrected)
        if result.searchedCorrected { json.field(Keys.searchedCorrected, true) }
        MissingShards.write(result.missingShards, into: &json)
        json.field(Keys.tookMs, ResponseLine.rounded(tookMs))
        json.field(Keys.generation, generation)
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        let hits = (fields.array(Keys.hits) ?? []).map(Hit.init(reading:))
        let total = SearchResult.Totals(reading: fields.object(Keys.total)) ?? .init(estimate: hits.count, lower: hits.count, upper: hits.count)
        var facets: [String: [String: Int]] = [:]
        for (name, counts) in fields.object(Keys.facets)?.members ?? [:] {
            facets[name] = (counts.members ?? [:]).compactMapValues(\.int)
        }
        result = SearchResult(
            total: total, hits: hits, facets: facets, corrected: fields.text(Keys.corrected),
            searchedCorrected: fields.bool(Keys.searchedCorrected) ?? false, missingShards: MissingShards.read(&fields))
        tookMs = fields.double(Keys.tookMs) ?? 0
        generation = fields.int(Keys.generation) ?? 0
    }

    /// Facet names and values sorted, so the output is deterministic; months (`YYYY-MM`) and
    /// years sort as text in date order.
    static func write(_ facets: [String: [String: Int]], into json: inout JSONWriter) {
        json.object { json in
            for name in facets.keys.sorted() {
                json.key(name)
                json.object { json in
                    for (value, count) in facets[name, default: [:]].sorted(by: { $0.key < $1.key }) {
                        json.field(value, count)
                    }
                }
            }
        }
    }
}

/// `count`: the totals alone, plus timing and generation.
public struct CountResponse: ResponseBody, Equatable {
    public var total: SearchResult.Totals
    public var tookMs: Double
    public var generation: Int
    /// As `SearchResult.missingShards`.
    public var missingShards: [String]

    public init(total: SearchResult.Totals, tookMs: Double, generation: Int, missingShards: [String] = []) {
        self.total = total
        self.tookMs = tookMs
        self.generation = generation
        self.missingShards = missingShards
    }

    public func write(into json: inout JSONWriter) {
        total.write(into: &json)
        MissingShards.write(missingShards, into: &json)
        json.field(Keys.tookMs, ResponseLine.rounded(tookMs))
        json.field(Keys.generation, generation)
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        total = SearchResult.Totals(reading: fields.object(Keys.total)) ?? .none
        missingShards = MissingShards.read(&fields)
        tookMs = fields.double(Keys.tookMs) ?? 0
        generation = fields.int(Keys.generation) ?? 0
    }
}
