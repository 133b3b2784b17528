import TrawlWire

extension WireEnvelope {
    /// The request as one protocol line (`\n` included), for clients. Search fields at their
    /// defaults are left out, so the server's defaults apply.
    public func encoded() -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            if let id {
                json.key("id")
                switch id {
                case .string(let text): json.string(text)
                case .number(let literal): json.raw(literal)
                }
            }
            json.field("op", request.op)
            switch request {
            case .ping, .hello, .stats, .reload: break
            case .get(let article): json.field("article", article)
            case .search(let query): Self.writeSearch(query, into: &json)
            case .count(let query): Self.writeFilters(query, into: &json)
            }
        }
        var bytes = json.bytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private static func writeFilters(_ query: SearchQuery, into json: inout JSONWriter) {
        json.field("q", query.text)
        if !query.sources.isEmpty {
            json.key("source")
            json.array { json in query.sources.forEach { json.string($0) } }
        }
        json.field("since", ifPresent: query.since)
        json.field("until", ifPresent: query.until)
        if query.collapse { json.field("collapse", true) }
        if query.defaultOperator != .and { json.field("operator", query.defaultOperator.rawValue) }
    }

    private static func writeSearch(_ query: SearchQuery, into json: inout JSONWriter) {
        writeFilters(query, into: &json)
        let defaults = SearchQuery(text: "")
        if query.limit != defaults.limit { json.field("limit", query.limit) }
        if query.offset != 0 { json.field("offset", query.offset) }
        if query.sort != .relevance { json.field("sort", query.sort.rawValue) }
        if !query.snippet { json.field("snippet", false) }
        if query.highlightPre != defaults.highlightPre || query.highlightPost != defaults.highlightPost {
            json.key("highlight")
            json.object { json in
                json.field("pre", query.highlightPre)
                json.field("post", query.highlightPost)
            }
        }
        if !query.facets.isEmpty {
            json.key("facets")
            json.array { json in query.facets.forEach { json.string($0.rawValue) } }
        }
        if query.correct != defaults.correct { json.field("correct", query.correct.rawValue) }
    }
}
