/// `histogram`: exact counts of a query's matches per day, week, month or year (PROTOCOL.md,
/// "histogram"; a week starts on Monday).
public struct HistogramRequest: Sendable, Equatable {
    public var filters: SearchFilters
    public var interval = Interval.day

    public init(filters: SearchFilters, interval: Interval = .day) {
        self.filters = filters
        self.interval = interval
    }

    init(reading fields: FieldReader) throws(ProtocolError) {
        filters = try SearchFilters(reading: fields)
        interval = try fields.choice(Keys.interval, Interval.self) ?? .day
    }

    func write(into json: inout JSONWriter) {
        filters.write(into: &json)
        if interval != .day { json.field(Keys.interval, interval.rawValue) }
    }
}

/// One interval of a histogram: its first day (`YYYY-MM-DD`) and how many matches it holds.
public struct HistogramBucket: Sendable, Equatable {
    public var start: String
    public var count: Int
    public init(start: String, count: Int) {
        self.start = start
        self.count = count
    }
}

/// The answer to `histogram`: buckets in date order from the first match's interval to the
/// last's (empty ones with count 0), the matches without a date, and the exact total.
public struct HistogramResponse: ResponseBody, Equatable {
    public var total: SearchResult.Totals
    public var buckets: [HistogramBucket]
    public var undated: Int
    public var tookMs: Double
    public var generation: Int
    /// As `SearchResult.missingShards`: the counts leave those shards' articles out.
    public var missingShards: [String]

    public init(
        total: SearchResult.Totals, buckets: [HistogramBucket], undated: Int, tookMs: Double, generation: Int,
        missingShards: [String] = []
    ) {
        self.total = total
        self.buckets = buckets
        self.undated = undated
        self.tookMs = tookMs
        self.generation = generation
        self.missingShards = missingShards
    }

    public func write(into json: inout JSONWriter) {
        total.write(into: &json)
        json.key(Keys.buckets)
        json.array { json in
            for bucket in buckets {
                json.object { json in
                    json.field(Keys.start, bucket.start)
                    json.field(Keys.count, bucket.count)
                }
            }
        }
        json.field(Keys.undated, undated)
        json.field(Keys.tookMs, ResponseLine.rounded(tookMs))
        json.field(Keys.generation, generation)
        MissingShards.write(missingShards, into: &json)
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        total = SearchResult.Totals(reading: fields.object(Keys.total)) ?? .none
        buckets = (fields.array(Keys.buckets) ?? []).map { bucket in
            var members = ResponseFields(bucket)
            return HistogramBucket(start: members.text(Keys.start) ?? "", count: members.int(Keys.count) ?? 0)
        }
        undated = fields.int(Keys.undated) ?? 0
        tookMs = fields.double(Keys.tookMs) ?? 0
        generation = fields.int(Keys.generation) ?? 0
        missingShards = MissingShards.read(&fields)
    }
}
