import TrawlProtocol

extension RequestDispatcher {
    /// `hello`: server name, versions, and what is served. Answers even before an index
    /// exists (generation 0, no documents), so clients can tell "up" from "up with an index".
    func hello(id: RequestID?) async throws(ProtocolError) -> [UInt8] {
        try await pool.run(budget: budget) { index, _ in
            let documents = (try? index.currentReader().documentCount()) ?? 0
            return ResponseLine.success(
                id: id, HelloResponse(generation: index.generation, documents: documents, shards: index.shardStatuses()))
        }
    }
}
