import TrawlWire

/// The query and filters of one `trawl` search, as request fields.
struct SearchFilters {
    var query: String
    var sort: String
    var sources: [String]
    var since: String?
    var until: String?
    var collapse: Bool

    /// A request for `op` with these filters; the caller adds what the op needs.
    func request(op: String, query: String? = nil) -> [String: WireValue] {
        var request: [String: WireValue] = [
            "op": .string(op), "q": .string(query ?? self.query), "sort": .string(sort), "collapse": .bool(collapse),
        ]
        if !sources.isEmpty { request["source"] = .array(sources.map(WireValue.string)) }
        if let since { request["since"] = .string(since) }
        if let until { request["until"] = .string(until) }
        return request
    }
}
