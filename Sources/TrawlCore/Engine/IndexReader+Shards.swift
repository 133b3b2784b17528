import CXapian

/// Timeouts of remote shards (`shards.connect_timeout_ms`, `shards.timeout_ms`).
public struct ShardTimeouts: Sendable, Equatable {
    public var connectMs: Int
    /// Per message of the remote protocol: a frozen host costs this once per request.
    public var readMs: Int

    public init(connectMs: Int = 500, readMs: Int = 1000) {
        self.connectMs = connectMs
        self.readMs = readMs
    }

    /// A shard that times out must leave time to answer from the others: trawld refuses to serve
    /// remote shards otherwise (a small budget on a local index stays valid).
    public func check(budgetMs: Int) throws(ConfigError) {
        guard readMs >= budgetMs else { return }
        throw ConfigError(
            "shards.timeout_ms (\(readMs)) must be below limits.query_time_budget_ms (\(budgetMs)): "
                + "a shard that times out must leave time to answer from the others")
    }
}

/// The shards of a reader opened with `init(endpoints:...)` (none for other readers).
extension IndexReader {
    public var shardCount: Int { tx_shard_count(handle) }

    /// Connected (a remote shard whose connection broke, or that never answered, is not).
    public func isShardOpen(_ index: Int) -> Bool { tx_shard_is_open(handle, index) != 0 }

    /// Why shard `index` is closed ("" when open).
    public func shardError(_ index: Int) -> String { String(cString: tx_shard_error(handle, index)) }

    /// Opens shard `index` afresh (a new connection); it stays closed when that fails.
    public func connectShard(_ index: Int) throws(TrawlError) {
        try check(path: path) { tx_shard_connect(handle, index, $0) }
    }

    /// Leaves shard `index` out of searches (its host is known to be down), or takes it back.
    public func setShardWanted(_ index: Int, _ wanted: Bool) throws(TrawlError) {
        try check(path: path) { tx_shard_set_wanted(handle, index, wanted ? 1 : 0, $0) }
    }

    /// Keeps an idle remote connection from being dropped by its server; closes it on failure.
    public func keepShardAlive(_ index: Int) throws(TrawlError) {
        try check(path: path) { tx_shard_keep_alive(handle, index, $0) }
    }
}
