import Foundation
import Logging
import TrawlCore
import TrawlProtocol

/// One worker's handle on the index: its own `IndexReader`, used by its thread alone.
///
/// Not Sendable, on purpose: Xapian objects must stay on one thread. A generation switch
/// makes the worker open the new generation *fresh* (Xapian's `reopen()` does not re-read a
/// stub file); a poll tick makes it `reopen()` the same generation to see incremental commits.
final class WorkerIndex {
    let layout: IndexLayout
    let stemLanguage: String
    let shardTimeouts: ShardTimeouts
    /// The configured lexicon, for a stub without local shards to find one beside.
    let shardLexicon: String?
    /// Hosts serving the same shards as the stub's lines (`shards.replicas`).
    let shardReplicas: ShardReplicas
    /// Health of the shards of a stub that trawld opens itself.
    let monitor: ShardMonitor
    let logger: Logger
    private(set) var reader: IndexReader?
    /// The generation `reader` serves (the N of `current`'s `auto gen-N`; 0 if unknown).
    private(set) var generation = 0
    /// The pool's switch counter and poll tick this handle was last brought up to.
    private(set) var epoch = -1
    private var tick = -1
    /// Why there is no reader, when there is none.
    private var failure: ProtocolError?
    /// The last fresh open failed: try again on the next poll tick (at most every ~200 ms).
    private var retryOpen = false
    private var lastFailure: ProtocolError?
    /// The reader's shards, when trawld opened them itself (nil for one database).
    private var shards: ShardUpkeep?

    init(
        layout: IndexLayout, stemLanguage: String, shardTimeouts: ShardTimeouts, shardLexicon: String?,
        shardReplicas: ShardReplicas = .none, monitor: ShardMonitor, logger: Logger
    ) {
        self.layout = layout
        self.stemLanguage = stemLanguage
        self.shardTimeouts = shardTimeouts
        self.shardLexicon = shardLexicon
        self.shardReplicas = shardReplicas
        self.monitor = monitor
        self.logger = logger
    }

    /// The message for a server started before any index was built.
    static func noIndexMessage(_ root: String) -> String {
        "no index at \(root) yet: build one with `trawl-index` (or `scripts/run`)"
    }

    /// Brings the handle up to date before serving: a fresh open after a switch; on a new
    /// poll tick, a cheap `reopen()` (or, when the last open failed, another fresh open).
    func refresh(epoch: Int, tick: Int) {
        if epoch != self.epoch {
            self.epoch = epoch
            self.tick = tick
            openFresh()
        } else if tick != self.tick {
            self.tick = tick
            guard let reader, !retryOpen else { return openFresh() }
            do {
                // Endpoints the monitor saw go down are closed first: reopening a frozen host's
                // connection costs the shard timeout. One whose reopen fails is closed and down
                // for every worker at once (a worker would otherwise connect it again while the
                // monitor still saw it up).
                shards?.beforeJob(reader, monitor, generation: generation)
                let openBefore = shards?.open(reader) ?? []
                if try reader.reopen() { logger.debug("reader reopened: new commits", metadata: ["generation": "\(generation)"]) }
                shards?.reportClosed(openBefore: openBefore, reader, monitor)
            } catch {
                logger.warning("reopen failed; opening the index afresh", metadata: ["error": "\(error)"])
                openFresh()
            }
        }
    }

    /// The reader to serve from, or why there is none (`no_index`, or `internal` with the cause).
    func currentReader() throws(ProtocolError) -> IndexReader {
        if let reader { return reader }
        throw failure ?? ProtocolError(.noIndex, Self.noIndexMessage(layout.root))
    }

    /// A search (or count) on the current reader; endpoints that failed in it are reported to the
    /// monitor, so that the next requests leave them out at once.
    func search(_ query: SearchQuery) throws(ProtocolError) -> SearchResult {
        try overShards { reader throws(TrawlError) in try reader.search(query) }
    }

    /// `work` on the current reader, as `search`: endpoints that failed in it go to the monitor.
    func overShards<T>(_ work: (IndexReader) throws(TrawlError) -> T) throws(ProtocolError) -> T {
        let reader = try currentReader()
        let openBefore = shards?.open(reader) ?? []
        let result = try engine { () throws(TrawlError) in try work(reader) }
        shards?.reportClosed(openBefore: openBefore, reader, monitor)
        return result
    }

    /// A sharded index's shards for `hello` and `stats` (empty for one database).
    func shardStatuses() -> [ShardStatus] {
        guard let shards, let reader else { return [] }
        return shards.statuses(reader, monitor, generation: generation)
    }

    /// Before a job: the shards follow the monitor (down ones out, ones that are back in).
    func followShardHealth() {
        guard let reader, shards != nil else { return }
        if let common = shards?.commonGeneration(monitor), common > generation {
            logger.info("every shard serves a new generation; switching", metadata: ["generation": "\(common)"])
            return openFresh()
        }
        shards?.beforeJob(reader, monitor, generation: generation)
    }

    /// While idle: remote connections are kept from being dropped by their servers.
    func keepShardsAlive() {
        guard let reader else { return }
        shards?.beforeJob(reader, monitor, generation: generation)  // not a frozen host's connection
        shards?.keepAlive(reader, monitor)
    }

    /// Drops the handle (shutdown).
    func close() {
        reader = nil
        shards = nil
    }

    /// Opens `current` afresh, making sure the generation number read belongs to the handle
    /// opened (the indexer may switch between the two reads: then try again).
    private func openFresh() {
        for _ in 0..<3 {
            guard access(layout.currentStub, F_OK) == 0 else {
                openWithoutStub()
                return
            }
            let before = layout.currentGeneration()
            do {
                let (fresh, upkeep) = try openCurrent()
                guard layout.currentGeneration() == before else { continue }
                // A stub of remote shards names no generation: the shards' own record does, unless
                // none answers; then it is the one served so far, not 0 (it must never go down).
                let recorded = before == nil ? Self.recordedGeneration(fresh) : nil
                if let recorded { monitor.served(generation: recorded) }
                install(fresh, generation: before ?? recorded ?? max(generation, monitor.servedGeneration), shards: upkeep)
                return
            } catch let error as TrawlError {
                failed(ProtocolError(error))
                return
            } catch {
                failed(ProtocolError(.internal, "\(error)"))
                return
            }
        }
        logger.warning("the index kept switching while being opened; will try again")
        retryOpen = true
    }

    /// The `current` stub: opened by Xapian when it is one local line (as always), else endpoint
    /// by endpoint by trawld (with the replicas of its lines), remote ones with `shards.*` timeouts.
    private func openCurrent() throws -> (IndexReader, ShardUpkeep?) {
        if let stub = try ShardStub.read(layout.currentStub), let servers = ShardMonitor.servers(of: stub, shardReplicas) {
            let reader = try IndexReader(
                servers: servers, lexicon: stub.lexicon ?? shardLexicon, stemLanguage: stemLanguage, timeouts: shardTimeouts)
            return (reader, ShardUpkeep(servers: servers))
        }
        return (try IndexReader(path: layout.currentStub, stemLanguage: stemLanguage), nil)
    }

    /// A stub of remote shards names no `gen-N`: the shards' own `trawl.generation` says it.
    private static func recordedGeneration(_ reader: IndexReader) -> Int? {
        (try? reader.metadata(MetadataKey.generation)).flatMap { Int($0) }
    }

    /// No `current` stub: serve the folder itself if it is a plain Xapian database
    /// (generation 0), else there is no index yet.
    private func openWithoutStub() {
        guard access(layout.root + "/iamglass", F_OK) == 0 else {
            failed(ProtocolError(.noIndex, Self.noIndexMessage(layout.root)))
            return
        }
        do {
            install(try IndexReader(path: layout.root, stemLanguage: stemLanguage), generation: 0, shards: nil)
        } catch {
            failed(ProtocolError(error))
        }
    }

    private func install(_ fresh: IndexReader, generation: Int, shards: ShardUpkeep?) {
        if reader == nil || generation != self.generation {
            logger.debug("worker opened the index", metadata: ["generation": "\(generation)", "path": "\(fresh.path)"])
        }
        // The old handle is released here; its queries finished (this thread runs one at a time).
        reader = fresh
        self.shards = shards
        self.generation = generation
        failure = nil
        retryOpen = false
        lastFailure = nil
    }

    private func failed(_ failure: ProtocolError) {
        retryOpen = true
        // Retries come every poll tick: log a failure once, not five times a second.
        let isNew = failure != lastFailure
        lastFailure = failure
        // A new generation that cannot be opened must not stop the old one from serving.
        if reader != nil, failure.code != .noIndex {
            if isNew {
                logger.error("cannot open the new index generation; still serving the previous one",
                    metadata: ["error": "\(failure.message)", "generation": "\(generation)"])
            }
            return
        }
        if isNew, failure.code != .noIndex {
            logger.error("cannot open the index", metadata: ["error": "\(failure.message)"])
        }
        reader = nil
        shards = nil
        generation = monitor.servedGeneration  // 0, unless remote shards were served (it never goes down)
        self.failure = failure
    }
}
