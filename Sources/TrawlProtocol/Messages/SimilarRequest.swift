/// `similar`: the articles most like one article (more like this), the article itself excluded.
/// The fields of `search` apply, `q` optional: when given it selects, it does not rank.
/// Answered as a `SearchResponse`.
public struct SimilarRequest: Sendable, Equatable {
    public var article: String
    public var search: SearchRequest

    public init(article: String, search: SearchRequest = SearchRequest(filters: SearchFilters(q: ""))) {
        self.article = article
        self.search = search
    }

    init(reading fields: FieldReader, maximumLimit: Int) throws(ProtocolError) {
        article = try GetRequest(reading: fields).article
        search = try SearchRequest(reading: fields, maximumLimit: maximumLimit, queryRequired: false)
        // Sorted by date, the hits would be every article sharing one telling word, newest first:
        // no longer the most alike.
        guard search.sort == .relevance else {
            throw ProtocolError(
                .badRequest, "\(Keys.sort) must be relevance for similar (its hits are ranked by likeness), not \(search.sort.rawValue)")
        }
    }

    func write(into json: inout JSONWriter) {
        json.field(Keys.article, article)
        search.write(into: &json)
    }
}
