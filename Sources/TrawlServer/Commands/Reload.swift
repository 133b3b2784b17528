import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `reload`: every worker opens the index afresh now (it is also picked up by itself
    /// within a second); answers with the generation now served.
    func reload(id: RequestID?) async throws(ProtocolError) -> [UInt8] {
        logger.info("reload requested")
        pool.indexSwitched()
        return try await pool.run(budget: budget) { index, _ throws(ProtocolError) in
            let reader = try index.currentReader()
            let documents = try engine { () throws(TrawlError) in try reader.documentCount() }
            return ResponseLine.success(id: id, ReloadResponse(generation: index.generation, documents: documents))
        }
    }
}
