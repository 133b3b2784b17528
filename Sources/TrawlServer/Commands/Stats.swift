import TrawlCore
import TrawlProtocol

extension RequestDispatcher {
    /// `stats`: the served index (documents, generation, last commit time) and server counters.
    /// Answers even before an index exists (generation 0, no documents).
    func statistics(id: RequestID?) async throws(ProtocolError) -> [UInt8] {
        let workers = pool.workerCount
        let queued = pool.queued
        return try await pool.run(budget: budget) { [stats, indexPath] index, _ in
            let reader = try? index.currentReader()
            let documents = (try? reader?.documentCount()) ?? 0
            let updated = (try? reader?.metadata(MetadataKey.updated)).flatMap { $0.isEmpty ? nil : $0 }
            let counters = stats.snapshot()
            return ResponseLine.success(
                id: id,
                StatsResponse(
                    documents: documents, generation: index.generation, index: indexPath, updated: updated,
                    uptimeSeconds: counters.uptimeSeconds, requests: counters.requests, errors: counters.errors,
                    connections: counters.connections, latencyP50Ms: counters.p50, latencyP99Ms: counters.p99,
                    workers: workers, queued: queued, shards: index.shardStatuses()))
        }
    }
}
