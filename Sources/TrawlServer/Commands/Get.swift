import TrawlCore

extension RequestDispatcher {
    /// `get`: one stored article by id, with its full text; `not_found` when it is not indexed.
    func get(_ article: String, id: WireRequestID?) async throws(WireFailure) -> [UInt8] {
        try await readers.run(budget: budget) { index, _ throws(WireFailure) in
            let reader = try index.currentReader()
            let found = try engine { () throws(TrawlError) in try reader.article(id: article) }
            return WireResponse.document(id: id, article: found, generation: index.generation)
        }
    }
}
