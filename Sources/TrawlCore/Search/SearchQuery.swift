import TrawlProtocol

/// A search as the engine runs it: the query text plus filters, order and presentation, and
/// what only the daemon knows (its default operator, exact totals, the time left). The request
/// was checked when it was decoded (`RequestDecoder`); this model does no checking of its own.
public struct SearchQuery: Sendable, Equatable {
    public typealias Sort = TrawlProtocol.Sort
    public typealias Facet = TrawlProtocol.Facet
    public typealias DefaultOperator = TrawlProtocol.DefaultOperator
    public typealias Correction = TrawlProtocol.Correction

    public var text: String
    public var limit: Int = Limits.defaultLimit
    public var offset: Int = 0
    public var sort: Sort = .relevance
    /// Keep only these sources (compared case-insensitively).
    public var sources: [String] = []
    /// Inclusive `YYYY-MM-DD` bounds on the article date (relative ones already made absolute).
    public var since: String?
    public var until: String?
    public var snippet: Bool = true
    public var highlightPre: String = SearchRequest.Highlight().pre
    public var highlightPost: String = SearchRequest.Highlight().post
    /// Aim for snippets of about this many bytes.
    public var snippetLength: Int = 200
    public var facets: [Facet] = []
    /// One hit per copies group or per story; nil: every article.
    public var collapse: Grouping?
    public var defaultOperator: DefaultOperator = .and
    /// Whether to look up a "did you mean" correction, and whether to search it.
    public var correct: Correction = .auto
    /// Count every match, so that `total` is exact rather than Xapian's estimate and bounds.
    public var exactTotals: Bool = false
    /// Seconds the match may take; nil for no limit.
    public var timeBudget: Double?
    /// `similar`: rank by likeness to this article (more like this); `text` and the filters only select.
    public var similarTo: String?
    /// With `seqThrough` > 0: only articles whose change number is above `seqAfter` and at most
    /// `seqThrough`, in change order (a subscription's new matches; docs/SCHEMA.md, "Change numbers").
    public var seqAfter: UInt64 = 0
    public var seqThrough: UInt64 = 0

    public init(text: String) { self.text = text }

    /// A `count`'s or `search`'s filters; plain words combine with `defaultOperator` unless
    /// the request says otherwise. Relative days (`-7d`, `date:yesterday`) count from `today`.
    public init(_ filters: SearchFilters, defaultOperator: DefaultOperator, today: CalendarDay = .today()) {
        text = RelativeDateTerms.resolve(filters.q, today: today)
        sources = filters.sources
        let days = try? filters.days(today: today)  // checked when the request was decoded
        since = days?.since?.wire
        until = days?.until?.wire
        collapse = filters.collapse
        self.defaultOperator = filters.operator ?? defaultOperator
    }

    /// A `search` request.
    public init(_ request: SearchRequest, defaultOperator: DefaultOperator, today: CalendarDay = .today()) {
        self.init(request.filters, defaultOperator: defaultOperator, today: today)
        limit = request.limit
        offset = request.offset
        sort = request.sort
        snippet = request.snippet
        highlightPre = request.highlight.pre
        highlightPost = request.highlight.post
        facets = request.facets
        correct = request.correct
    }
}
