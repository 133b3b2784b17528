/// One ranked article in a search answer. Optional fields an article does not have are left out
/// of the answer, never sent as null or "".
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
    /// `YYYY-MM-DD`: the calendar day of `date` in the article's own zone (what `date:` matches).
    public var day: String?
    public var byline: String?
    /// HTML-escaped text around the matches, matched words between the highlight markers.
    public var snippet: String?
    /// With `collapse`: how many more articles of the same copies group were folded into this hit
    /// (sent as `copies`, and as `duplicates`, its older name).
    public var duplicates: Int
    /// The article's copies group (the id of its earliest article), when it has copies.
    public var cluster: String?
    /// The article's story (the id of its earliest article), when the story has two or more articles.
    public var story: String?
    /// Members a newer daemon sent that this build does not know (clients keep them for `--json`).
    public var extra: [String: WireValue] = [:]

    public init(
        id: String, rank: Int, score: Double, percent: Int, title: String? = nil, titleHighlighted: String? = nil,
        source: String? = nil, url: String? = nil, site: String? = nil, date: String? = nil, day: String? = nil,
        byline: String? = nil, snippet: String? = nil, duplicates: Int = 0, cluster: String? = nil,
        story: String? = nil
    ) {
        self.id = id
        self.rank = rank
        self.score = score
        self.percent = percent
        self.title = title
        self.titleHighlighted = titleHighlighted
        self.source = source
        self.url = url
        self.site = site
        self.date = date
        self.day = day
        self.byline = byline
        self.snippet = snippet
        self.duplicates = duplicates
        self.cluster = cluster
        self.story = story
    }
}

extension Hit: ResponseBody {
    public func write(into json: inout JSONWriter) {
        json.field(Keys.id, id)
        json.field(Keys.rank, rank)
        json.field(Keys.score, score)
        json.field(Keys.percent, percent)
        json.field(Keys.title, ifPresent: title.nonEmpty)
        json.field(Keys.titleHighlighted, ifPresent: titleHighlighted.nonEmpty)
        json.field(Keys.source, ifPresent: source.nonEmpty)
        json.field(Keys.url, ifPresent: url.nonEmpty)
        json.field(Keys.site, ifPresent: site.nonEmpty)
        json.field(Keys.date, ifPresent: date)
        json.field(Keys.day, ifPresent: day)
        json.field(Keys.byline, ifPresent: byline.nonEmpty)
        json.field(Keys.snippet, ifPresent: snippet.nonEmpty)
        if duplicates > 0 {
            json.field(Keys.copies, duplicates)
            json.field(Keys.duplicates, duplicates)
        }
        json.field(Keys.cluster, ifPresent: cluster.nonEmpty)
        json.field(Keys.story, ifPresent: story.nonEmpty)
        json.members(extra)
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        let copies = fields.int(Keys.copies), alias = fields.int(Keys.duplicates)  // both read: neither is left in `extra`
        self.init(
            id: fields.text(Keys.id) ?? "", rank: fields.int(Keys.rank) ?? 0, score: fields.double(Keys.score) ?? 0,
            percent: fields.int(Keys.percent) ?? 0, title: fields.text(Keys.title),
            titleHighlighted: fields.text(Keys.titleHighlighted), source: fields.text(Keys.source),
            url: fields.text(Keys.url), site: fields.text(Keys.site), date: fields.text(Keys.date),
            day: fields.text(Keys.day), byline: fields.text(Keys.byline), snippet: fields.text(Keys.snippet),
            duplicates: copies ?? alias ?? 0, cluster: fields.text(Keys.cluster),
            story: fields.text(Keys.story))
        extra = fields.rest
    }
}

extension Optional<String> {
    /// nil for nil and for "": absent fields are left out, never sent empty.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

extension JSONWriter {
    /// Members in key order (output scripts can compare).
    mutating func members(_ members: [String: WireValue]) {
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            key(name)
            value(member)
        }
    }
}
