/// `put`: one article pushed over the socket (write access only). It is stored where a rebuild
/// finds it again and indexed like a JSON file's article; a later `put` of its id replaces it.
public struct PutRequest: Sendable, Equatable {
    public var article: PushedArticle
    /// Answer only once trawld's readers see the article (it is always durable first).
    public var wait: Bool

    public init(article: PushedArticle, wait: Bool = false) {
        self.article = article
        self.wait = wait
    }

    init(reading fields: FieldReader) throws(ProtocolError) {
        guard let object = try fields.object(Keys.article, "with at least \"\(Keys.id)\" and \"\(Keys.body)\"") else {
            throw ProtocolError(.badRequest, "\(Keys.article) is required: an object with at least \"\(Keys.id)\" and \"\(Keys.body)\"")
        }
        article = try PushedArticle(reading: object)
        wait = try fields.bool(Keys.wait) ?? false
    }

    func write(into json: inout JSONWriter) {
        json.key(Keys.article)
        json.object { json in article.write(into: &json) }
        if wait { json.field(Keys.wait, true) }
    }
}

/// `delete`: removes a pushed article (write access only).
public struct DeleteRequest: Sendable, Equatable {
    public var article: String
    public var wait: Bool

    public init(article: String, wait: Bool = false) {
        self.article = article
        self.wait = wait
    }

    init(reading fields: FieldReader) throws(ProtocolError) {
        article = try GetRequest(reading: fields).article
        wait = try fields.bool(Keys.wait) ?? false
    }

    func write(into json: inout JSONWriter) {
        json.field(Keys.article, article)
        if wait { json.field(Keys.wait, true) }
    }
}
