import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `get`: one stored article by id, with its full text; `not_found` when it is not indexed.
    func get(_ request: GetRequest, id: RequestID?) async throws(ProtocolError) -> [UInt8] {
        try await pool.run(budget: budget) { index, _ throws(ProtocolError) in
            let reader = try index.currentReader()
            let found = try engine { () throws(TrawlError) in try reader.article(id: request.article) }
            return ResponseLine.success(id: id, GetResponse(doc: Document(found), generation: index.generation))
        }
    }
}
