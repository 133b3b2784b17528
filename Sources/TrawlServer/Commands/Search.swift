import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `search`: ranked hits from the worker's current generation, within the time budget.
    func search(_ request: SearchRequest, id: RequestID?, received: ContinuousClock.Instant) async throws(ProtocolError)
        -> [UInt8]
    {
        let query = SearchQuery(request, defaultOperator: defaultOperator)
        return try await pool.run(budget: budget) { index, remaining throws(ProtocolError) in
            var query = query
            query.timeBudget = remaining?.seconds
            let result = try index.search(query)
            let response = SearchResponse(
                result: result, tookMs: Self.milliseconds(since: received), generation: index.generation)
            return ResponseLine.success(id: id, response)
        }
    }
}
