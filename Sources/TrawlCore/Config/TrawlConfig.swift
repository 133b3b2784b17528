import Foundation
import TrawlProtocol

/// Trawl's settings, after merging the config file, `TRAWL_*` environment variables and flags.
/// Paths here are absolute: relative ones were resolved against the config file's folder.
public struct TrawlConfig: Sendable, Equatable {
    /// The index folder (holds `current`, `gen-N/`).
    public var indexPath: String
    /// The folder of article files that `trawl-index` reads.
    public var articlesRoot: String
    public var socket: SocketSettings
    /// Reader workers, each with its own Xapian handle.
    public var workers: Int
    /// Requests waiting for a worker beyond this are refused with `overloaded`.
    public var queueSize: Int
    public var limits: Limits
    /// Snowball stemmer name ("english"), or "none".
    public var stemLanguage: String
    public var defaultOperator: SearchQuery.DefaultOperator
    /// User boilerplate patterns, added to the built-in ones.
    public var boilerplateDropLines: [String]
    public var boilerplateCutFrom: [String]
    public var synonymsFile: String?
    /// Writer threads for `trawl-index --rebuild`, each filling databases of its own.
    public var indexWriters: Int
    /// Shards of a generation that `trawl-index --rebuild` writes (an existing generation keeps its own count).
    public var indexShards: Int
    /// An incremental run that would delete more than this share of the index is refused.
    public var maxDeleteShare: Double
    /// Days apart that articles of one story may be published at most (`indexing.story_window_days`).
    public var storyWindowDays: Int
    /// Where article dates written without a zone are read (`indexing.timezone`, an IANA name).
    public var indexTimeZone: TimeZone
    /// trace, debug, info, notice, warning, error, critical
    public var logLevel: String
    /// Timeouts of remote shards (`shards.*`): below the query time budget, so that a shard that
    /// times out leaves time to answer from the others.
    public var shardTimeouts: ShardTimeouts
    /// The lexicon (spelling, synonyms) for a stub whose shards are all remote (`shards.lexicon`:
    /// `index/publish/lexicon` on the indexer host, or a replica of `lexicon`); a stub with local
    /// shards uses its generation's own.
    public var shardLexicon: String?
    /// Where trawld writes pushed articles (`ingest.folder`, inside the articles root); nil: `pushed/` in the root.
    public var ingestFolder: String?
    /// Room (MB) the index must have left for trawld to take a `put` or `delete` (`ingest.min_free_mb`).
    public var ingestMinFreeMB: Int

    /// The folder pushed articles are written to.
    public var ingestPath: String { ingestFolder ?? articlesRoot + "/pushed" }

    /// Hosts that serve the same shard as a remote line of the stub (`shards.replicas`).
    public var shardReplicas: ShardReplicas

    public struct SocketSettings: Sendable, Equatable {
        public var path: String
        /// File mode of the socket (octal in the config file, e.g. "0660").
        public var mode: UInt32
        /// Group that owns the socket, when set.
        public var group: String?
        /// When non-empty, only peers with these uids/gids (SO_PEERCRED) are served.
        public var allowedUIDs: [UInt32]
        public var allowedGIDs: [UInt32]
        /// Peers with these uids/gids may also write (`put`, `delete`); nobody may when both are empty.
        public var writeUIDs: [UInt32] = []
        public var writeGIDs: [UInt32] = []

        public init(path: String, mode: UInt32 = 0o660, group: String? = nil, allowedUIDs: [UInt32] = [], allowedGIDs: [UInt32] = []) {
            self.path = path
            self.mode = mode
            self.group = group
            self.allowedUIDs = allowedUIDs
            self.allowedGIDs = allowedGIDs
        }
    }

    public struct Limits: Sendable, Equatable {
        /// Longest request line, in bytes.
        public var maxRequestBytes: Int = TrawlProtocol.Limits.defaultRequestBytes
        /// Highest `limit` a search may ask for.
        public var maxLimit: Int = TrawlProtocol.Limits.limit.upperBound
        /// Per-query time budget, in milliseconds.
        public var queryTimeBudgetMs: Int = 2000
        /// Event bytes a connection's subscriptions may have waiting for a slow reader; past it
        /// the subscription is dropped with an error event (README, "Alerts").
        public var subscriptionBacklogBytes: Int = 1 << 20

        public init() {}
    }

    /// Defaults for an index and socket under `base` (the repository root for the default config).
    public init(base: String) {
        indexPath = base + "/index"
        articlesRoot = base + "/seeds"
        socket = SocketSettings(path: base + "/index/trawld.sock")
        workers = Self.onePerCore
        queueSize = 256
        limits = Limits()
        stemLanguage = "english"
        defaultOperator = .and
        boilerplateDropLines = []
        boilerplateCutFrom = []
        synonymsFile = nil
        indexWriters = Self.onePerCore
        indexShards = 1
        maxDeleteShare = 0.5
        storyWindowDays = StoryGrouper.defaultWindowDays
        indexTimeZone = TimeZone(identifier: "UTC")!
        logLevel = "info"
        shardTimeouts = ShardTimeouts()
        shardLexicon = nil
        ingestFolder = nil
        ingestMinFreeMB = 64
        shardReplicas = .none
    }

    /// The default for thread counts, and what 0 means for them in the config.
    static var onePerCore: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
