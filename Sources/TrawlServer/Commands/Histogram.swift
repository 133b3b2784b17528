import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `histogram`: exact counts per interval of the articles a query and its filters match
    /// (articles, not groups: `collapse` does not apply).
    func histogram(_ request: HistogramRequest, id: RequestID?, received: ContinuousClock.Instant) async throws(ProtocolError)
        -> [UInt8]
    {
        var query = SearchQuery(request.filters, defaultOperator: defaultOperator)
        query.collapse = nil
        // The query as typed, as `count` counts it.
        query.correct = .off
        return try await onWorker(query) { index, query throws(ProtocolError) in
            let counted = try index.overShards { reader throws(TrawlError) in try reader.dayCounts(query) }
            let dated = counted.days.reduce(0) { $0 + $1.count }
            let buckets = try engine { () throws(TrawlError) in try Histogram.buckets(days: counted.days, interval: request.interval) }
            let response = HistogramResponse(
                total: .init(estimate: counted.total, lower: counted.total, upper: counted.total),
                buckets: buckets,
                undated: counted.total - dated, tookMs: Self.milliseconds(since: received), generation: index.generation,
                missingShards: counted.missingShards)
            return ResponseLine.success(id: id, response)
        }
    }
}
