import Logging
import TrawlCore
import TrawlProtocol

/// Finds the new matches of every subscription as changes become searchable: each round it reads
/// the change number its reader serves (`trawl.seq`: watch batches, puts, incremental runs,
/// rebuilds), then, for the subscriptions behind it, runs their query on the changed articles only
/// (the seq range: `XSEQ` buckets, then slot 9; docs/SCHEMA.md), never on the whole index.
///
/// It runs on a thread of its own with a reader of its own, at a lower CPU priority than the
/// workers (`MatcherThread`): searches never wait in the queue behind it, and the kernel lets a
/// search preempt a round. A round takes at most one page of events per subscription (a resume
/// from far back goes on in the next rounds).
struct SubscriptionMatcher: Sendable {
    let hub: SubscriptionHub
    let pool: WorkerPool
    let logger: Logger
    /// Rounds are few so that each covers more changes: a subscription's query costs about the same for
    /// one new article as for ten (Benchmarks/run --alerts: 200 ms rounds cost searches more).
    var interval: Duration = .milliseconds(500)
    /// Events per subscription and round.
    static let page = 100

    /// Rounds until the task is cancelled.
    func run() async {
        await MatcherThread.run(every: interval) { [hub, pool, logger] in
            var matcherLogger = logger
            matcherLogger[metadataKey: "worker"] = "matcher"
            let index = pool.makeIndex(logger: matcherLogger)
            return {
                guard !hub.isEmpty else { return }
                do throws(ProtocolError) {
                    try Self.round(hub, index, pool.refreshMarks)
                } catch {
                    // A reader that is not there (no index yet, a shard down): the next round tries again.
                    logger.debug("subscription matching deferred", metadata: ["error": "\(error.message)"])
                }
            }
        }
    }

    /// Brings the reader up to date, then matches every subscription behind it.
    private static func round(_ hub: SubscriptionHub, _ index: WorkerIndex, _ marks: (epoch: Int, tick: Int))
        throws(ProtocolError)
    {
        index.refresh(epoch: marks.epoch, tick: marks.tick)
        index.followShardHealth()
        let reader = try index.currentReader()
        let last = try engine { () throws(TrawlError) in try reader.lastChange() }
        // Subscriptions that kept up share a mark: the terms of its changes are read once.
        // (A failed read is no set: every query then runs, as it would without one.)
        var termsByMark: [UInt64: ChangedTerms?] = [:]
        for pending in hub.behind(last) {
            if termsByMark[pending.through] == nil {
                termsByMark[pending.through] = .some(try? reader.changedTerms(after: pending.through, through: last, maxArticles: termsUpTo))
            }
            let among = termsByMark[pending.through] ?? nil
            guard let (changes, reached) = match(pending, through: last, on: reader, among: among) else { continue }
            hub.deliver(changes, to: pending.id, through: reached)
        }
    }

    /// Past this many changed articles, their terms are not read: the set would be most of the
    /// index's terms, and reading it would cost more than the queries it spares.
    static let termsUpTo = 256

    /// A subscription's matches among the changes after its mark up to `last`, in change order (at
    /// most a page), and how far that takes it; nil when its query fails now (it stays where it was).
    private static func match(
        _ pending: SubscriptionHub.Pending, through last: UInt64, on reader: IndexReader, among changed: ChangedTerms?
    ) -> ([Change], UInt64)? {
        var query = pending.query
        query.seqAfter = pending.through
        query.seqThrough = last
        query.limit = page
        guard let changes = try? reader.changes(query, among: changed) else { return nil }
        // A full page may stop short of `last`: the next round goes on from its last change.
        return (changes, changes.count == page ? changes[changes.count - 1].seq : last)
    }
}
