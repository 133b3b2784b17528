/// A search as the engine runs it: the query text plus filters, order and presentation.
/// Built from a wire request (or the library API) and validated by `validate()`.
public struct SearchQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable { case relevance, newest, oldest }
    public enum Facet: String, Sendable, CaseIterable { case source, year, month }
    public enum DefaultOperator: String, Sendable { case and, or }
    /// What to do with a spelling correction (the protocol's `correct`).
    public enum Correction: String, Sendable, CaseIterable {
        /// Offer it; when the query as typed finds nothing, answer the corrected query instead.
        case auto
        /// Offer it; the hits are always for the query as typed.
        case suggest
        /// No spelling lookup.
        case off
    }

    public var text: String
    public var limit: Int = 10
    public var offset: Int = 0
    public var sort: Sort = .relevance
    /// Keep only these sources (compared case-insensitively).
    public var sources: [String] = []
    /// Inclusive `YYYY-MM-DD` bounds on the article date.
    public var since: String?
    public var until: String?
    public var snippet: Bool = true
    public var highlightPre: String = "<b>"
    public var highlightPost: String = "</b>"
    /// Aim for snippets of about this many bytes.
    public var snippetLength: Int = 200
    public var facets: [Facet] = []
    public var collapse: Bool = false
    public var defaultOperator: DefaultOperator = .and
    /// Whether to look up a "did you mean" correction, and whether to search it.
    public var correct: Correction = .auto
    /// Count every match, so that `total` is exact rather than Xapian's estimate and bounds.
    public var exactTotals: Bool = false
    /// Seconds the match may take; nil for no limit.
    public var timeBudget: Double?

    public static let maximumLimit = 1000
    /// Most words (operators and field values included) in one query text.
    /// NOTE: Xapian's time grows faster than the query (100 KB of `a* a* …` ran for 26 s, of
    /// `x OR x OR …` for 6 s) and the time budget is only checked once the engine returns, so
    /// without this one request could hold a worker far past its budget. Words are what cost;
    /// spaces are free, so a padded query is served.
    public static let maximumWords = 256

    /// The words of a query text as the limit counts them: runs of letters, digits and `_`.
    public static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordCharacter = scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordCharacter && !inWord { count += 1 }
            inWord = isWordCharacter
        }
        return count
    }

    public init(text: String) { self.text = text }

    /// Checks ranges and formats; the message names the field and says what is allowed.
    public func validate() throws(QueryValidationError) {
        guard (0...Self.maximumLimit).contains(limit) else {
            throw QueryValidationError(field: "limit", message: "limit must be an integer from 0 to \(Self.maximumLimit)")
        }
        guard offset >= 0, offset <= Int(UInt32.max) - Self.maximumLimit else {
            throw QueryValidationError(field: "offset", message: "offset must be an integer from 0 to \(Int(UInt32.max) - Self.maximumLimit)")
        }
        for (field, day) in [("since", since), ("until", until)] {
            if let day, WireDate.compactDay(day) == nil {
                throw QueryValidationError(field: field, message: "\(field) must be a real date as YYYY-MM-DD, not '\(day)'")
            }
        }
        if let since, let until, let a = WireDate.compactDay(since), let b = WireDate.compactDay(until), a > b {
            throw QueryValidationError(field: "since", message: "since (\(since)) is after until (\(until))")
        }
        let words = Self.wordCount(text)
        guard words <= Self.maximumWords else {
            throw QueryValidationError(
                field: "q",
                message: "q has \(words) words; at most \(Self.maximumWords) are allowed (operators and field values count, "
                    + "spaces do not): filter with source, since and until instead of long OR lists")
        }
        for (field, value) in [("q", text), ("highlight", highlightPre + highlightPost)] + sources.map({ ("source", $0) })
        where value.utf8.contains(0) {
            throw QueryValidationError(field: field, message: "\(field) must not contain NUL characters")
        }
    }
}

/// A search field that is missing, of the wrong type or out of range.
public struct QueryValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { message }
}
