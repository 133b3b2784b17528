/// What `stats` reports (PROTOCOL.md, "stats").
public struct StatsResponse: ResponseBody, Equatable {
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
    /// A sharded index's shards (empty otherwise).
    public var shards: [ShardStatus]

    /// Every figure `stats` reports.
    public init(
        documents: Int, generation: Int, index: String, updated: String?, uptimeSeconds: Double, requests: Int,
        errors: Int, connections: Int, latencyP50Ms: Double, latencyP99Ms: Double, workers: Int, queued: Int,
        shards: [ShardStatus] = []
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
        self.shards = shards
    }

    public func write(into json: inout JSONWriter) {
        json.field(Keys.documents, documents)
        json.field(Keys.generation, generation)
        json.field(Keys.index, index)
        json.field(Keys.updated, ifPresent: updated)
        json.field(Keys.uptimeS, ResponseLine.rounded(uptimeSeconds))
        json.field(Keys.requests, requests)
        json.field(Keys.errors, errors)
        json.field(Keys.connections, connections)
        json.key(Keys.latencyMs)
        json.object { json in
            json.field(Keys.p50, ResponseLine.rounded(latencyP50Ms))
            json.field(Keys.p99, ResponseLine.rounded(latencyP99Ms))
        }
        json.field(Keys.workers, workers)
        json.field(Keys.queued, queued)
        ShardStatus.write(shards, into: &json)
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        var latency = ResponseFields(fields.object(Keys.latencyMs) ?? .object([:]))
        self.init(
            documents: fields.int(Keys.documents) ?? 0, generation: fields.int(Keys.generation) ?? 0,
            index: fields.text(Keys.index) ?? "", updated: fields.text(Keys.updated),
            uptimeSeconds: fields.double(Keys.uptimeS) ?? 0, requests: fields.int(Keys.requests) ?? 0,
            errors: fields.int(Keys.errors) ?? 0, connections: fields.int(Keys.connections) ?? 0,
            latencyP50Ms: latency.double(Keys.p50) ?? 0, latencyP99Ms: latency.double(Keys.p99) ?? 0,
            workers: fields.int(Keys.workers) ?? 0, queued: fields.int(Keys.queued) ?? 0, shards: ShardStatus.read(&fields))
    }
}
