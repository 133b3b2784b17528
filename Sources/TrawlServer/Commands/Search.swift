import TrawlCore

extension RequestDispatcher {
    /// `search`: ranked hits from the worker's current generation, within the time budget.
    func search(_ query: SearchQuery, id: WireRequestID?, received: ContinuousClock.Instant) async throws(WireFailure)
        -> [UInt8]
    {
        try await readers.run(query.place, budget: budget) { index, remaining throws(WireFailure) in
            var query = query
            query.timeBudget = remaining?.seconds
            let reader = try index.currentReader()
            let result = try engine { () throws(TrawlError) in try reader.search(query) }
            return WireResponse.search(
                id: id, result: result, tookMs: Self.milliseconds(since: received), generation: index.generation)
        }
    }
}
