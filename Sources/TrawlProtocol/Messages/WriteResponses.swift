/// The answer to `put` and `delete`: the article, the index's change counter after the commit
/// that holds the change, and for `delete` whether there was an article to remove.
public struct WriteResponse: ResponseBody, Equatable {
    public var article: String
    public var seq: Int
    /// `delete` only.
    public var deleted: Bool?

    public init(article: String, seq: Int, deleted: Bool? = nil) {
        self.article = article
        self.seq = seq
        self.deleted = deleted
    }

    public func write(into json: inout JSONWriter) {
        json.field(Keys.article, article)
        json.field(Keys.seq, seq)
        if let deleted { json.field(Keys.deleted, deleted) }
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        article = fields.text(Keys.article) ?? ""
        seq = fields.int(Keys.seq) ?? 0
        deleted = fields.bool(Keys.deleted)
    }
}
