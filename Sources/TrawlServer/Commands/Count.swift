import TrawlCore

extension RequestDispatcher {
    /// `count`: only the totals of a query with its filters (no hits are fetched), exact.
    func count(_ query: SearchQuery, id: WireRequestID?, received: ContinuousClock.Instant) async throws(WireFailure)
        -> [UInt8]
    {
        try await readers.run(.pool, budget: budget) { index, remaining throws(WireFailure) in
            var query = query
            query.limit = 0
            query.snippet = false
            query.exactTotals = true
            // The query as typed: a count must not quietly count a spelling correction instead.
            query.correct = .off
            query.timeBudget = remaining?.seconds
            let reader = try index.currentReader()
            let result = try engine { () throws(TrawlError) in try reader.search(query) }
            return WireResponse.count(
                id: id, total: result.total, tookMs: Self.milliseconds(since: received), generation: index.generation)
        }
    }
}
