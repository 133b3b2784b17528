import TrawlCore
import TrawlProtocol

/// Where a request's index work runs: light work inline on the event loop that read the request,
/// with that loop's own reader (no hop to another thread and back, two wake-ups fewer); heavy work
/// on the worker pool, so that it never stalls the other connections of a loop.
///
/// Heavy: what `Place.pool` callers say (counts, facets, long result pages, wildcards, reload),
/// and an inline search that used up its slice (`inlineSlice`) while budget remains: it is done
/// again on the pool with the rest of the budget, so a slow query holds its loop at most for the
/// slice (plus what Xapian's time limit does not bound: parsing, opening the terms' postings,
/// snippets).
struct IndexRouter: Sendable {
    enum Place: Sendable {
        /// On the event loop, when the caller runs on one of the daemon's loops.
        case inline
        case pool
    }

    let pool: WorkerPool
    let loops: LoopReaders
    /// An inline search's engine time limit: one over it moves to the pool. Not shorter: the
    /// slice is wasted for every query over it, and with 5 ms the benchmark's 1-client p99 (10k)
    /// rose from 17 to 24 ms (in-process: 14); with 20 ms it stayed at 17 (docs/measurements/socket-cost.md).
    var inlineSlice: Duration = .milliseconds(20)

    /// Runs `work` with an index and the time left of `budget` (nil: none), inline or on the pool.
    /// Throws `overloaded` when the pool's queue is full, `timeout` when the budget is used up.
    func run<T: Sendable>(
        _ place: Place = .inline, budget: Duration?,
        _ work: @escaping @Sendable (WorkerIndex, Duration?) throws(ProtocolError) -> T
    ) async throws(ProtocolError) -> T {
        guard place == .inline, let index = loops.readerHere() else { return try await pool.run(budget: budget, work) }
        let started = ContinuousClock.now
        do throws(ProtocolError) {
            return try work(index, budget.map { min($0, inlineSlice) } ?? inlineSlice)
        } catch where error.code == .timeout {
            // A budget no longer than the slice ran out itself: that is the answer.
            if let budget, budget <= inlineSlice { throw error }
            let left = budget.map { $0 - (ContinuousClock.now - started) }
            if let left, left <= .zero { throw error }
            return try await pool.run(budget: left, work)
        }
    }

    /// A new generation is live (or a reload was asked for): pool workers and loops open it fresh.
    func indexSwitched() {
        pool.indexSwitched()
        loops.indexSwitched()
    }

    /// The poll ticked: pool workers and loops `reopen()` before their next request.
    func pollTicked() {
        pool.pollTicked()
        loops.pollTicked()
    }
}

extension SearchQuery {
    /// Where a search runs. On the pool: facets count every match; long pages make many snippets;
    /// a wildcard may expand to hundreds of terms, and Xapian's time limit starts only after they
    /// are expanded and their postings opened (seven wildcards over 10k articles: ~0.3 s of
    /// that, measured, against the inline slice of milliseconds).
    var place: IndexRouter.Place { facets.isEmpty && limit <= 100 && !text.contains("*") ? .inline : .pool }
}
