import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// Runs a query's work on a worker: `body` gets the current generation's reader, the query with
    /// what is left of the request's time budget, and the generation's number.
    func onWorker(
        _ query: SearchQuery,
        _ body: @escaping @Sendable (WorkerIndex, SearchQuery) throws(ProtocolError) -> [UInt8]
    ) async throws(ProtocolError) -> [UInt8] {
        try await pool.run(budget: budget) { index, remaining throws(ProtocolError) in
            var query = query
            query.timeBudget = remaining?.seconds
            return try body(index, query)
        }
    }
}
