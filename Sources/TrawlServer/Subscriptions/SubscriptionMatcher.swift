import Logging
import TrawlCore
import TrawlProtocol

/// Finds the new matches of every subscription as changes become searchable: each round it asks a
/// worker for the change number its reader serves (`trawl.seq`: watch batches, incremental runs,
/// rebuilds), then, for the subscriptions behind it, runs their query on the changed articles only
/// (the seq range: `XSEQ` buckets, then slot 9; docs/SCHEMA.md), never on the whole index.
///
/// The queries run on the worker pool a few subscriptions per job, so that searches queued
/// meanwhile are served between them; a round takes at most one page of events per subscription
/// (a resume from far back goes on in the next rounds).
struct SubscriptionMatcher: Sendable {
    let hub: SubscriptionHub
    let pool: WorkerPool
    let logger: Logger
    /// Rounds are few so that each covers more changes: a subscription's query costs about the same for
    /// one new article as for ten (Benchmarks/run --alerts: 200 ms rounds cost searches more).
    var interval: Duration = .milliseconds(500)
    /// Subscriptions matched per worker job.
    static let perJob = 20
    /// Events per subscription and round.
    static let page = 100

    /// Rounds until the task is cancelled.
    func run() async {
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return  // cancelled: the daemon is stopping
            }
            guard !hub.isEmpty else { continue }
            do throws(ProtocolError) {
                try await round()
            } catch {
                // A busy pool or a reader that is not there: the next round tries again.
                logger.debug("subscription matching deferred", metadata: ["error": "\(error.message)"])
            }
        }
    }

    private func round() async throws(ProtocolError) {
        let last = try await pool.run(budget: nil) { index, _ throws(ProtocolError) in
            let reader = try index.currentReader()
            return try engine { () throws(TrawlError) in try reader.lastChange() }
        }
        let behind = hub.behind(last)
        for start in stride(from: 0, to: behind.count, by: Self.perJob) {
            let batch = Array(behind[start..<min(start + Self.perJob, behind.count)])
            let found = try await pool.run(budget: nil) { index, _ throws(ProtocolError) in
                let reader = try index.currentReader()
                // This worker's own view: another may have reopened onto a later commit than this one.
                let seen = try engine { () throws(TrawlError) in try reader.lastChange() }
                return Self.match(batch, through: seen, on: reader)
            }
            for (id, changes, through) in found { hub.deliver(changes, to: id, through: through) }
        }
    }

    /// Each subscription's matches among the changes after its mark up to `last`, in change order (at most
    /// a page), and how far that takes it. A query that fails now is left where it was.
    private static func match(_ batch: [SubscriptionHub.Pending], through last: UInt64, on reader: IndexReader)
        -> [(String, [Change], UInt64)]
    {
        var found: [(String, [Change], UInt64)] = []
        for pending in batch where pending.through < last {
            var query = pending.query
            query.seqAfter = pending.through
            query.seqThrough = last
            query.limit = page
            guard let changes = try? reader.changes(query) else { continue }
            // A full page may stop short of `last`: the next round goes on from its last change.
            let reached = changes.count == page ? changes[changes.count - 1].seq : last
            found.append((pending.id, changes, reached))
        }
        return found
    }
}
