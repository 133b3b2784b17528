import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `similar`: the articles most like one article, as search hits; its copies folded.
    func similar(_ request: SimilarRequest, id: RequestID?, received: ContinuousClock.Instant) async throws(ProtocolError)
        -> [UInt8]
    {
        var query = SearchQuery(request.search, defaultOperator: defaultOperator)
        query.similarTo = request.article
        query.collapse = .copies
        // `q` only selects; a correction of it would select something else.
        query.correct = .off
        return try await searchAnswer(query, id: id, received: received)
    }
}
