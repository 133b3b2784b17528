/// What `search` and `count` have in common: the query text and the filters.
public struct SearchFilters: Sendable, Equatable {
    public var q: String
    /// Keep only these sources (compared case-insensitively); a string or an array on the wire.
    public var sources: [String] = []
    /// Inclusive bounds on the article's day: `YYYY-MM-DD` or relative (`RelativeDay`).
    public var since: String?
    public var until: String?
    /// Fold each group into one hit: copies (`collapse: true` or `"copies"`) or stories (`"story"`).
    public var collapse: Grouping?
    /// nil: the server's default (`search.default_operator`).
    public var `operator`: DefaultOperator?

    public init(q: String) { self.q = q }

    /// `queryRequired` false: a missing `q` is the empty query (every article), as `similar` takes it.
    init(reading fields: FieldReader, queryRequired: Bool = true) throws(ProtocolError) {
        q = queryRequired ? try fields.requiredString(Keys.q, "a string: the query") : try fields.string(Keys.q) ?? ""
        sources = try fields.strings(Keys.source) ?? []
        since = try fields.string(Keys.since)
        until = try fields.string(Keys.until)
        collapse = try fields.flagOrChoice(Keys.collapse, Grouping.self, whenTrue: .copies)
        `operator` = try fields.choice(Keys.operator, DefaultOperator.self)
        try validate()
    }

    /// The rules every filter obeys, the server's and the client's.
    public func validate() throws(ProtocolError) {
        let words = Limits.wordCount(q)
        guard words <= Limits.queryWords else {
            throw ProtocolError(
                .badRequest,
                "\(Keys.q) has \(words) words; at most \(Limits.queryWords) are allowed (operators and field values count, "
                    + "spaces do not): filter with \(Keys.source), \(Keys.since) and \(Keys.until) instead of long OR lists")
        }
        try Self.refuseNUL(Keys.q, q)
        guard sources.count <= Limits.sources else {
            throw ProtocolError(.badRequest, "\(Keys.source) must list at most \(Limits.sources) sources, not \(sources.count)")
        }
        for source in sources { try Self.refuseNUL(Keys.source, source) }
        let days = try days(today: .today())
        if let since, let until, let first = days.since, let last = days.until, first > last {
            throw ProtocolError(.badRequest, "\(Keys.since) (\(since)) is after \(Keys.until) (\(until))")
        }
    }

    /// `since` and `until` as days, relative forms counted from `today` (`RelativeDay`).
    public func days(today: CalendarDay) throws(ProtocolError) -> (since: CalendarDay?, until: CalendarDay?) {
        func day(_ name: String, _ text: String?) throws(ProtocolError) -> CalendarDay? {
            guard let text else { return nil }
            guard let day = RelativeDay.day(text, today: today) else {
                throw ProtocolError(
                    .badRequest,
                    "\(name) must be a real date as YYYY-MM-DD or a relative day (\(RelativeDay.forms)), not \(FieldReader.quote(text))")
            }
            return day
        }
        return (try day(Keys.since, since), try day(Keys.until, until))
    }

    static func refuseNUL(_ name: String, _ value: String) throws(ProtocolError) {
        if value.utf8.contains(0) { throw ProtocolError(.badRequest, "\(name) must not contain NUL characters") }
    }

    func write(into json: inout JSONWriter) {
        json.field(Keys.q, q)
        if !sources.isEmpty {
            json.key(Keys.source)
            json.array { json in sources.forEach { json.string($0) } }
        }
        json.field(Keys.since, ifPresent: since)
        json.field(Keys.until, ifPresent: until)
        // `true` for copies: what daemons before named groupings understand.
        if collapse == .copies { json.field(Keys.collapse, true) }
        if collapse == .story { json.field(Keys.collapse, Grouping.story.rawValue) }
        json.field(Keys.operator, ifPresent: `operator`?.rawValue)
    }
}

/// `search`: ranked hits for a query and its filters (PROTOCOL.md, "search").
public struct SearchRequest: Sendable, Equatable {
    public var filters: SearchFilters
    public var limit = Limits.defaultLimit
    public var offset = 0
    public var sort = Sort.relevance
    public var snippet = true
    public var highlight = Highlight()
    /// Counted over all matches; duplicates dropped.
    public var facets: [Facet] = []
    public var correct = Correction.auto

    /// The markers put around matched words in snippets and titles.
    public struct Highlight: Sendable, Equatable {
        public var pre = "<b>"
        public var post = "</b>"
        public init(pre: String = "<b>", post: String = "</b>") {
            self.pre = pre
            self.post = post
        }
    }

    public init(filters: SearchFilters) { self.filters = filters }

    /// `maximumLimit`: the server's top for `limit` (at most `Limits.limit`'s).
    init(reading fields: FieldReader, maximumLimit: Int, queryRequired: Bool = true) throws(ProtocolError) {
        filters = try SearchFilters(reading: fields, queryRequired: queryRequired)
        limit = try fields.integer(Keys.limit, in: Limits.limit.lowerBound...maximumLimit) ?? Limits.defaultLimit
        offset = try fields.integer(Keys.offset, in: Limits.offset) ?? 0
        sort = try fields.choice(Keys.sort, Sort.self) ?? .relevance
        snippet = try fields.bool(Keys.snippet) ?? true
        if let markers = try fields.object(Keys.highlight, #"{"pre": string, "post": string}"#) {
            highlight.pre = try markers.string(Keys.pre, maximumBytes: Limits.highlightBytes) ?? highlight.pre
            highlight.post = try markers.string(Keys.post, maximumBytes: Limits.highlightBytes) ?? highlight.post
            try SearchFilters.refuseNUL(Keys.highlight, highlight.pre + highlight.post)
        }
        facets = try fields.choices(Keys.facets, Facet.self) ?? []
        correct = try fields.choice(Keys.correct, Correction.self) ?? .auto
    }

    /// Fields at their defaults are left out, so the server's defaults apply.
    func write(into json: inout JSONWriter) {
        filters.write(into: &json)
        let defaults = SearchRequest(filters: filters)
        if limit != defaults.limit { json.field(Keys.limit, limit) }
        if offset != defaults.offset { json.field(Keys.offset, offset) }
        if sort != defaults.sort { json.field(Keys.sort, sort.rawValue) }
        if snippet != defaults.snippet { json.field(Keys.snippet, snippet) }
        if highlight != defaults.highlight {
            json.key(Keys.highlight)
            json.object { json in
                json.field(Keys.pre, highlight.pre)
                json.field(Keys.post, highlight.post)
            }
        }
        if !facets.isEmpty {
            json.key(Keys.facets)
            json.array { json in facets.forEach { json.string($0.rawValue) } }
        }
        if correct != defaults.correct { json.field(Keys.correct, correct.rawValue) }
    }
}

/// `count`: the exact number of matches of a query and its filters; no hits.
public struct CountRequest: Sendable, Equatable {
    public var filters: SearchFilters
    public init(filters: SearchFilters) { self.filters = filters }
}

/// `get`: one article by its id.
public struct GetRequest: Sendable, Equatable {
    public var article: String
    public init(article: String) { self.article = article }

    init(reading fields: FieldReader) throws(ProtocolError) {
        article = try fields.requiredString(Keys.article, "the article id, as in search hits")
        guard !article.isEmpty, !article.utf8.contains(0) else {
            throw ProtocolError(.badRequest, "\(Keys.article) must be a non-empty article id without NUL characters")
        }
    }
}
