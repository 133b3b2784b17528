import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `similar`: the articles most like one article, as search hits; its copies folded.
    func similar(_ request: SimilarRequest, id: RequestID?, received: ContinuousClock.Instant) async throws(ProtocolError)
        -> [UInt8]
    {
        var query = SearchQuery(request.search, defaultOperator: defaultOperator)
        query.similarTo = request.article
        query.collapse = true
        // `q` only selects; a correction of it would select something else.
        query.correct = .off
        return try await pool.run(budget: budget) { [query] index, remaining throws(ProtocolError) in
            var query = query
            query.timeBudget = remaining?.seconds
            let reader = try index.currentReader()
            let result = try engine { () throws(TrawlError) in try reader.search(query) }
            let response = SearchResponse(
                result: result, tookMs: Self.milliseconds(since: received), generation: index.generation)
            return ResponseLine.success(id: id, response)
        }
    }
}
