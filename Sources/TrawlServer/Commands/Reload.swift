import TrawlCore

extension RequestDispatcher {
    /// `reload`: every worker opens the index afresh now (it is also picked up by itself
    /// within a second); answers with the generation now served.
    func reload(id: WireRequestID?) async throws(WireFailure) -> [UInt8] {
        logger.info("reload requested")
        readers.indexSwitched()
        return try await readers.run(.pool, budget: budget) { index, _ throws(WireFailure) in
            let reader = try index.currentReader()
            let documents = try engine { () throws(TrawlError) in try reader.documentCount() }
            return WireResponse.reload(id: id, generation: index.generation, documents: documents)
        }
    }
}
