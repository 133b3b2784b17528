extension WireRequestDecoder {
    /// The `search` fields (PROTOCOL.md, "search"); only `q` is required.
    func searchQuery(_ fields: WireFields) throws(WireFailure) -> SearchQuery {
        var query = try countQuery(fields)
        query.limit = try fields.integer("limit", in: 0...maximumLimit) ?? 10
        // The engine adds offset and limit in 32 bits; keep their sum in range.
        query.offset = try fields.integer("offset", in: 0...(Int(UInt32.max) - SearchQuery.maximumLimit)) ?? 0
        query.sort = try fields.choice("sort", SearchQuery.Sort.self) ?? .relevance
        query.snippet = try fields.bool("snippet") ?? true
        if let highlight = try fields.object("highlight", #"{"pre": string, "post": string}"#) {
            query.highlightPre = try highlight.string("pre", maximumBytes: Self.maximumHighlightBytes) ?? query.highlightPre
            query.highlightPost = try highlight.string("post", maximumBytes: Self.maximumHighlightBytes) ?? query.highlightPost
        }
        query.facets = try fields.choices("facets", SearchQuery.Facet.self) ?? []
        query.correct = try fields.choice("correct", SearchQuery.Correction.self) ?? .auto
        try validate(query)
        return query
    }

    /// `count`: the query text and the filters; no hits, snippets or facets.
    func countQuery(_ fields: WireFields) throws(WireFailure) -> SearchQuery {
        let text = try fields.requiredString("q", "a string: the query")
        var query = SearchQuery(text: text)
        query.limit = 0
        query.snippet = false
        query.defaultOperator = try defaultOperator(fields)
        query.sources = try fields.strings("source") ?? []
        guard query.sources.count <= Self.maximumSources else {
            throw WireFailure(.badRequest, "source must list at most \(Self.maximumSources) sources, not \(query.sources.count)")
        }
        for name in ["since", "until"] {
            guard let day = try fields.string(name) else { continue }
            guard WireDate.compactDay(day) != nil else {
                throw WireFailure(.badRequest, "\(name) must be a real date as YYYY-MM-DD, not \(WireFields.quote(day))")
            }
            if name == "since" { query.since = day } else { query.until = day }
        }
        query.collapse = try fields.bool("collapse") ?? false
        try validate(query)
        return query
    }

    /// `operator` (an extension field): how plain words combine, "and" or "or".
    private func defaultOperator(_ fields: WireFields) throws(WireFailure) -> SearchQuery.DefaultOperator {
        guard let text = try fields.string("operator") else { return defaultOperator }
        guard let value = SearchQuery.DefaultOperator(rawValue: text) else {
            throw WireFailure(.badRequest, "operator must be \"and\" or \"or\", not \(WireFields.quote(text))")
        }
        return value
    }

    private func validate(_ query: SearchQuery) throws(WireFailure) {
        do {
            try query.validate()
        } catch {
            throw WireFailure(.badRequest, error.message)
        }
    }
}
