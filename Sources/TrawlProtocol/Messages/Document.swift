/// `get`'s article: its fields and its full indexed text.
public struct Document: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var source: String?
    public var url: String?
    public var site: String?
    /// UTC, `2025-05-15T11:13:00Z`.
    public var date: String?
    /// `YYYY-MM-DD`, the day `date:` filters use, in the article's own zone.
    public var day: String?
    public var updated: String?
    public var byline: String?
    public var body: String
    /// Members a newer daemon sent that this build does not know (kept for `--json`).
    public var extra: [String: WireValue] = [:]

    public init(
        id: String, title: String? = nil, source: String? = nil, url: String? = nil, site: String? = nil,
        date: String? = nil, day: String? = nil, updated: String? = nil, byline: String? = nil, body: String
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.url = url
        self.site = site
        self.date = date
        self.day = day
        self.updated = updated
        self.byline = byline
        self.body = body
    }
}

extension Document: ResponseBody {
    public func write(into json: inout JSONWriter) {
        json.field(Keys.id, id)
        json.field(Keys.title, ifPresent: title.nonEmpty)
        json.field(Keys.source, ifPresent: source.nonEmpty)
        json.field(Keys.url, ifPresent: url.nonEmpty)
        json.field(Keys.site, ifPresent: site.nonEmpty)
        json.field(Keys.date, ifPresent: date)
        json.field(Keys.day, ifPresent: day)
        json.field(Keys.updated, ifPresent: updated)
        json.field(Keys.byline, ifPresent: byline.nonEmpty)
        json.field(Keys.body, body)
        json.members(extra)
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        self.init(
            id: fields.text(Keys.id) ?? "", title: fields.text(Keys.title), source: fields.text(Keys.source),
            url: fields.text(Keys.url), site: fields.text(Keys.site), date: fields.text(Keys.date),
            day: fields.text(Keys.day), updated: fields.text(Keys.updated), byline: fields.text(Keys.byline),
            body: fields.text(Keys.body) ?? "")
        extra = fields.rest
    }
}

/// `get`: the article and the generation it was read from.
public struct GetResponse: ResponseBody, Equatable {
    public var doc: Document
    public var generation: Int

    public init(doc: Document, generation: Int) {
        self.doc = doc
        self.generation = generation
    }

    public func write(into json: inout JSONWriter) {
        json.key(Keys.doc)
        json.object { json in doc.write(into: &json) }
        json.field(Keys.generation, generation)
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        doc = Document(reading: fields.object(Keys.doc) ?? .object([:]))
        generation = fields.int(Keys.generation) ?? 0
    }
}
