import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `count`: only the totals of a query with its filters (no hits are fetched), exact.
    func count(_ request: CountRequest, id: RequestID?, received: ContinuousClock.Instant) async throws(ProtocolError)
        -> [UInt8]
    {
        var query = SearchQuery(request.filters, defaultOperator: defaultOperator)
        query.limit = 0
        query.snippet = false
        query.exactTotals = true
        // The query as typed: a count must not quietly count a spelling correction instead.
        query.correct = .off
        return try await onWorker(query) { index, query throws(ProtocolError) in
            let result = try index.search(query)
            let response = CountResponse(
                total: result.total, tookMs: Self.milliseconds(since: received), generation: index.generation,
                missingShards: result.missingShards)
            return ResponseLine.success(id: id, response)
        }
    }
}
