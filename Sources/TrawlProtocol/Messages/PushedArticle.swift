/// A pushed article's fields as `put` sends them: `id` and `body` required, the others optional
/// strings, nothing else (a misspelt field would be lost without a word). Checked here: the
/// types, the id rules (`ArticleID`) and the size (`Limits.articleBytes`); the date is checked by
/// the daemon, which reads it as the indexer reads a JSON file's.
public struct PushedArticle: Sendable, Equatable {
    public var id: String
    public var body: String
    public var title: String?
    public var date: String?
    public var updated: String?
    public var url: String?
    public var source: String?
    public var byline: String?

    public init(
        id: String, body: String, title: String? = nil, date: String? = nil, updated: String? = nil, url: String? = nil,
        source: String? = nil, byline: String? = nil
    ) {
        self.id = id
        self.body = body
        self.title = title
        self.date = date
        self.updated = updated
        self.url = url
        self.source = source
        self.byline = byline
    }

    /// The fields an article may have, in the order they are written.
    static let fields = [Keys.id, Keys.title, Keys.body, Keys.date, Keys.updated, Keys.url, Keys.source, Keys.byline]

    /// Reads and checks one article object (a client checks a line of `trawl put` with it too).
    public init(_ value: WireValue) throws(ProtocolError) {
        guard case .object(let members) = value else {
            throw ProtocolError(.badRequest, "\(Keys.article) must be an object, not \(value.typeName)")
        }
        try self.init(reading: FieldReader(members: members, path: Keys.article + "."))
    }

    init(reading fields: FieldReader) throws(ProtocolError) {
        let name = { (key: String) in fields.path + key }
        if let unknown = fields.members.keys.sorted().first(where: { !Self.fields.contains($0) }) {
            throw ProtocolError(
                .badRequest, "\(name(unknown)) is not an article field; use \(FieldReader.list(Self.fields))")
        }
        id = try fields.requiredString(Keys.id, "the article's id")
        if let problem = ArticleID.problem(id) { throw ProtocolError(.badRequest, "\(name(Keys.id)) \(problem)") }
        body = try fields.requiredString(Keys.body, "the article's text")
        guard body.contains(where: { !$0.isWhitespace }) else {
            throw ProtocolError(.badRequest, "\(name(Keys.body)) is empty; every article needs its text")
        }
        title = try fields.string(Keys.title)
        date = try fields.string(Keys.date)
        updated = try fields.string(Keys.updated)
        url = try fields.string(Keys.url)
        source = try fields.string(Keys.source)
        byline = try fields.string(Keys.byline)
        let size = Self.fields.reduce(0) { $0 + (self[$1]?.utf8.count ?? 0) }
        guard size <= Limits.articleBytes else {
            throw ProtocolError(
                .badRequest, "\(fields.path.dropLast()) is \(size) bytes of text; at most \(Limits.articleBytes) are allowed per article")
        }
    }

    /// A field's value by its wire name.
    public subscript(key: String) -> String? {
        switch key {
        case Keys.id: id
        case Keys.body: body
        case Keys.title: title
        case Keys.date: date
        case Keys.updated: updated
        case Keys.url: url
        case Keys.source: source
        case Keys.byline: byline
        default: nil
        }
    }

    /// The members of the article object (also the JSON file trawld stores it as).
    public func write(into json: inout JSONWriter) {
        for key in Self.fields { json.field(key, ifPresent: self[key]) }
    }
}
