/// The closed sets of names a request may choose from. Add cases, never rename them.

/// `sort`: by relevance, or by date.
public enum Sort: String, Sendable, CaseIterable { case relevance, newest, oldest }

/// `facets`: what may be counted over all matches.
public enum Facet: String, Sendable, CaseIterable { case source, year, month }

/// `operator` (an extension field): how plain words combine when the query does not say.
public enum DefaultOperator: String, Sendable, CaseIterable { case and, or }

/// `correct`: what to do with a spelling correction.
public enum Correction: String, Sendable, CaseIterable {
    /// Offer it; when the query as typed finds nothing, answer the corrected query instead.
    case auto
    /// Offer it; the hits are always for the query as typed.
    case suggest
    /// No spelling lookup.
    case off
}

/// `histogram`'s `interval`: the length of a bucket. A week starts on Monday (ISO 8601).
public enum Interval: String, Sendable, CaseIterable { case day, week, month, year }

/// `collapse` by name: the groups whose articles fold into one hit (`true` is `copies`).
public enum Grouping: String, Sendable, CaseIterable {
    /// Near-identical articles: wire copies and light edits of one text.
    case copies
    /// Articles about one event from several outlets within a few days.
    case story
}
