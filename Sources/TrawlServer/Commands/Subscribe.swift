import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `subscribe`: checks the query on a worker and reads the change number served now; from then
    /// on the matcher sends the connection an event per new match (after `since_seq` when given).
    func subscribe(_ request: SubscribeRequest, id: RequestID?, session: ConnectionSession?) async throws(ProtocolError)
        -> [UInt8]
    {
        guard let session else { throw ProtocolError(.internal, "subscriptions need a connection to send events on") }
        var query = SearchQuery(request.search, defaultOperator: defaultOperator)
        query.correct = .off  // new articles are matched as typed
        let probe = query
        let served = try await pool.run(budget: budget) { index, remaining throws(ProtocolError) in
            var check = probe
            check.limit = 0
            check.snippet = false
            check.timeBudget = remaining?.seconds
            _ = try index.search(check)  // a query that cannot run is refused now, not at its first event
            let reader = try index.currentReader()
            // While a shard is down, from the change the first shard serves: what the down one holds
            // up to it was written before this subscription, and the matcher waits for it to be back.
            return try engine { () throws(TrawlError) in try reader.lastChange(whileAShardIsDown: .firstShards) }
        }
        // A since_seq past the served counter (a client's number from an index built afresh since)
        // would pass over every new article until the counter caught up: it starts from now.
        let subscription = subscriptions.add(
            query: query, outbox: session.outbox, started: session.answered, through: min(request.sinceSeq ?? served, served))
        return ResponseLine.success(id: id, SubscriptionResponse(subscription: subscription, seq: served))
    }

    /// `unsubscribe`: ends one subscription of this connection; `not_found` for another id.
    func unsubscribe(_ request: UnsubscribeRequest, id: RequestID?, session: ConnectionSession?) throws(ProtocolError)
        -> [UInt8]
    {
        guard let session, subscriptions.remove(request.subscription, of: session.outbox) else {
            throw ProtocolError(.notFound, "this connection has no subscription \(request.subscription)")
        }
        return ResponseLine.success(id: id, SubscriptionResponse(subscription: request.subscription))
    }
}
