import Foundation

/// One news article as Trawl indexes it: the text plus the metadata pulled out of the page.
///
/// Fields the page does not have stay `nil`; they are omitted on the wire, never sent empty.
public struct Article: Sendable, Equatable, Codable {
    /// Stable key: the file's path relative to the indexed root, or a JSON article's `id`.
    public var id: String
    public var title: String?
    /// The text as written (see `TextNormalizer.clean`), boilerplate removed, paragraphs separated
    /// by blank lines. Stored and returned like this; the index sees its normalised form.
    public var body: String
    /// Canonical URL, when the page names one.
    public var url: String?
    /// Host of `url` without a leading `www.` (`bbc.com`).
    public var site: String?
    /// Publisher short name as the page or the JSON says it (`bbc`).
    public var source: String?
    /// Author names without the leading "By ".
    public var byline: String?
    /// First publication time (a time without a zone is read in `indexing.timezone`, UTC by default).
    public var date: Date?
    /// Seconds east of UTC in the article's own zone at `date` (the zone the page gave, else
    /// `indexing.timezone`): `date` shifted by it is the calendar day `date:` filters and facets use.
    public var dateOffset: Int?
    /// `YYYYMMDD`, the calendar day of `date` in the article's own zone: the day `date:` filters,
    /// `since`/`until` and the date facets use, and the hit's `day` on the wire.
    public var publishedDay: String? { date.map { WireDate.localDay($0, utcOffset: dateOffset ?? 0) } }
    /// Last update time, when the page gives one.
    public var updated: Date?

    public init(
        id: String, title: String? = nil, body: String, url: String? = nil, site: String? = nil,
        source: String? = nil, byline: String? = nil, date: Date? = nil, updated: Date? = nil, dateOffset: Int? = nil
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.url = url
        self.site = site
        self.source = source
        self.byline = byline
        self.date = date
        self.updated = updated
        self.dateOffset = dateOffset
    }
}
