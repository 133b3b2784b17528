import Foundation

/// The answer to a `SearchQuery`.
public struct SearchResult: Sendable, Equatable {
    /// Xapian's bounds on the number of matches.
    public struct Totals: Sendable, Equatable {
        public var estimate: Int
        public var lower: Int
        public var upper: Int
    }

    public var total: Totals
    public var hits: [Hit]
    /// facet name -> value -> count, over all matches.
    public var facets: [String: [String: Int]]
    /// The spelling-corrected query, when Xapian proposes one.
    public var corrected: String?
    /// True when the query as typed found nothing and these hits are for `corrected`.
    public var searchedCorrected: Bool
}

/// One ranked article in a result.
public struct Hit: Sendable, Equatable {
    public var id: String
    public var rank: Int
    public var score: Double
    public var percent: Int
    public var title: String?
    /// The title HTML-escaped with the query's words between the highlight markers; nil when no
    /// word of the query is in the title (or snippets are off).
    public var titleHighlighted: String?
    public var source: String?
    public var url: String?
    public var site: String?
    /// UTC in the wire form (`2025-05-15T11:13:00Z`), as stored: passed through, not parsed and
    /// formatted again.
    public var date: String?
    /// `YYYYMMDD`: the calendar day of `date` in the article's own zone (`Article.publishedDay`).
    public var day: String? = nil
    public var byline: String?
    /// HTML-escaped text around the matches, matched words between the highlight markers.
    public var snippet: String?
    /// With `collapse`: how many more articles of the same duplicate group were folded into this hit.
    public var duplicates: Int
}
