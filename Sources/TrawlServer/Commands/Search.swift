import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `search`: ranked hits from the worker's current generation, within the time budget.
    func search(_ request: SearchRequest, id: RequestID?, received: ContinuousClock.Instant) async throws(ProtocolError)
        -> [UInt8]
    {
        try await searchAnswer(SearchQuery(request, defaultOperator: defaultOperator), id: id, received: received)
    }

    /// A query's hits as a search answer (`search`'s, and `similar`'s).
    func searchAnswer(_ query: SearchQuery, id: RequestID?, received: ContinuousClock.Instant) async throws(ProtocolError)
        -> [UInt8]
    {
        try await onWorker(query) { index, query throws(ProtocolError) in
            let result = try index.search(query)
            let response = SearchResponse(result: result, tookMs: Self.milliseconds(since: received), generation: index.generation)
            return ResponseLine.success(id: id, response)
        }
    }
}
