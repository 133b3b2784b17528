import TrawlProtocol

extension RequestDispatcher {
    /// `delete`: removes a pushed article (write access only); `deleted: false` for an unknown id.
    func delete(_ request: DeleteRequest, id: RequestID?, peer: PeerCredentials?) async throws(ProtocolError) -> [UInt8] {
        let writer = try writes.writer(for: peer)
        let done = try await writer.submit(.delete(id: request.article), wait: request.wait)
        return ResponseLine.success(id: id, WriteResponse(article: request.article, seq: done.seq, deleted: done.deleted))
    }
}
