import TrawlProtocol

extension RequestDispatcher {
    /// `put`: stores and indexes one article (write access only); answers once it is durable.
    func put(_ request: PutRequest, id: RequestID?, peer: PeerCredentials?) throws(ProtocolError) -> Work {
        let writer = try writes.writer(for: peer)
        return .task { () async throws(ProtocolError) in
            let done = try await writer.submit(.put(request.article), wait: request.wait)
            return ResponseLine.success(id: id, WriteResponse(article: request.article.id, seq: done.seq))
        }
    }
}
