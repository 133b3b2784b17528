import TrawlWire

/// What `stats` reports (PROTOCOL.md, "stats").
public struct WireStats: Sendable, Equatable {
    /// Documents in the served generation.
    public var documents: Int
    /// The served generation (0 before any index exists).
    public var generation: Int
    /// The index folder served.
    public var index: String
    /// ISO-8601 time of the generation's last commit, when the indexer recorded it.
    public var updated: String?
    /// Seconds since the daemon started.
    public var uptimeSeconds: Double
    /// Requests answered since start (every non-blank line).
    public var requests: Int
    /// Requests answered with an error.
    public var errors: Int
    /// Connections currently open.
    public var connections: Int
    /// Median and 99th percentile request latency over the recent window, in milliseconds.
    public var latencyP50Ms: Double
    /// See `latencyP50Ms`.
    public var latencyP99Ms: Double
    /// Extension: reader workers, and requests waiting for one right now.
    public var workers: Int
    /// See `workers`.
    public var queued: Int

    /// Every figure `stats` reports.
    public init(
        documents: Int, generation: Int, index: String, updated: String?, uptimeSeconds: Double, requests: Int,
        errors: Int, connections: Int, latencyP50Ms: Double, latencyP99Ms: Double, workers: Int, queued: Int
    ) {
        self.documents = documents
        self.generation = generation
        self.index = index
        self.updated = updated
        self.uptimeSeconds = uptimeSeconds
        self.requests = requests
        self.errors = errors
        self.connections = connections
        self.latencyP50Ms = latencyP50Ms
        self.latencyP99Ms = latencyP99Ms
        self.workers = workers
        self.queued = queued
    }

    func write(into json: inout JSONWriter) {
        json.field("documents", documents)
        json.field("generation", generation)
        json.field("index", index)
        json.field("updated", ifPresent: updated)
        json.field("uptime_s", WireResponse.rounded(uptimeSeconds))
        json.field("requests", requests)
        json.field("errors", errors)
        json.field("connections", connections)
        json.key("latency_ms")
        json.object { json in
            json.field("p50", WireResponse.rounded(latencyP50Ms))
            json.field("p99", WireResponse.rounded(latencyP99Ms))
        }
        json.field("workers", workers)
        json.field("queued", queued)
    }
}
