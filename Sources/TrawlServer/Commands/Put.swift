import TrawlProtocol

extension RequestDispatcher {
    /// `put`: stores and indexes one article (write access only); answers once it is durable.
    func put(_ request: PutRequest, id: RequestID?, peer: PeerCredentials?) async throws(ProtocolError) -> [UInt8] {
        let writer = try writes.writer(for: peer)
        let done = try await writer.submit(.put(request.article), wait: request.wait)
        return ResponseLine.success(id: id, WriteResponse(article: request.article.id, seq: done.seq))
    }
}
