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

/// The shards of a reader opened with `init(endpoints:...)` or `init(servers:...)` (none for other
/// readers), and their endpoints, numbered in `servers` order.
extension IndexReader {
    public var shardCount: Int { tx_shard_count(handle) }

    public var endpointCount: Int { tx_endpoint_count(handle) }

    /// Connected (a remote endpoint whose connection broke, or that never answered, is not).
    public func isEndpointOpen(_ index: Int) -> Bool { tx_endpoint_is_open(handle, index) != 0 }

    /// Why endpoint `index` is closed ("" when open).
    public func endpointError(_ index: Int) -> String { String(cString: tx_endpoint_error(handle, index)) }

    /// Opens endpoint `index` afresh (a new connection); it stays closed when that fails.
    public func connectEndpoint(_ index: Int) throws(TrawlError) {
        try check(path: path) { tx_endpoint_connect(handle, index, $0) }
    }

    /// Leaves endpoint `index` out of searches (its host is known to be down), or takes it back.
    public func setEndpointWanted(_ index: Int, _ wanted: Bool) throws(TrawlError) {
        try check(path: path) { tx_endpoint_set_wanted(handle, index, wanted ? 1 : 0, $0) }
    }

    /// Not preferred: behind a replica of its shard, used only while none that is preferred is ready.
    public func setEndpointPreferred(_ index: Int, _ preferred: Bool) throws(TrawlError) {
        try check(path: path) { tx_endpoint_set_preferred(handle, index, preferred ? 1 : 0, $0) }
    }

    /// Keeps an idle remote connection from being dropped by its server; closes it on failure.
    public func keepEndpointAlive(_ index: Int) throws(TrawlError) {
        try check(path: path) { tx_endpoint_keep_alive(handle, index, $0) }
    }
}
