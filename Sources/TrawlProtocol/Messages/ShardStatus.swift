/// One shard of a sharded index as `hello` and `stats` list it (PROTOCOL Additions).
public struct ShardStatus: Sendable, Equatable {
    public enum State: String, Sendable {
        case up, down
    }

    /// `shard-i`, by the stub's line order.
    public var name: String
    /// The path, or `host:port`.
    public var endpoint: String
    public var state: State
    public var documents: Int
    public var generation: Int
    /// A shard with replicas: every endpoint serving it (the stub's first), each with its own
    /// state; the shard is `up` while one of them is. Empty otherwise.
    public var replicas: [Replica]

    /// One endpoint of a shard with replicas.
    public struct Replica: Sendable, Equatable {
        public var endpoint: String
        public var state: State
        public var documents: Int
        public var generation: Int
        /// Up, but without changes another replica of its shard already serves (its replication
        /// lags or stopped): searches use it only while no other replica of its shard can answer.
        public var behind: Bool

        public init(endpoint: String, state: State, documents: Int, generation: Int, behind: Bool = false) {
            self.endpoint = endpoint
            self.state = state
            self.documents = documents
            self.generation = generation
            self.behind = behind
        }
    }

    public init(name: String, endpoint: String, state: State, documents: Int, generation: Int, replicas: [Replica] = []) {
        self.name = name
        self.endpoint = endpoint
        self.state = state
        self.documents = documents
        self.generation = generation
        self.replicas = replicas
    }

    /// `"shards": [...]`, written only for a sharded index (an index of one database says nothing new).
    static func write(_ shards: [ShardStatus], into json: inout JSONWriter) {
        guard !shards.isEmpty else { return }
        json.key(Keys.shards)
        json.array { json in
            for shard in shards {
                json.object { json in
                    json.field(Keys.name, shard.name)
                    json.field(Keys.endpoint, shard.endpoint)
                    json.field(Keys.state, shard.state.rawValue)
                    json.field(Keys.documents, shard.documents)
                    json.field(Keys.generation, shard.generation)
                    if !shard.replicas.isEmpty { writeReplicas(shard.replicas, into: &json) }
                }
            }
        }
    }

    private static func writeReplicas(_ replicas: [Replica], into json: inout JSONWriter) {
        json.key(Keys.replicas)
        json.array { json in
            for replica in replicas {
                json.object { json in
                    json.field(Keys.endpoint, replica.endpoint)
                    json.field(Keys.state, replica.state.rawValue)
                    json.field(Keys.documents, replica.documents)
                    json.field(Keys.generation, replica.generation)
                    if replica.behind { json.field(Keys.behind, true) }
                }
            }
        }
    }

    static func read(_ fields: inout ResponseFields) -> [ShardStatus] {
        (fields.array(Keys.shards) ?? []).map { value in
            var shard = ResponseFields(value)
            let replicas = (shard.array(Keys.replicas) ?? []).map { value in
                var replica = ResponseFields(value)
                return Replica(
                    endpoint: replica.text(Keys.endpoint) ?? "", state: State(rawValue: replica.text(Keys.state) ?? "") ?? .down,
                    documents: replica.int(Keys.documents) ?? 0, generation: replica.int(Keys.generation) ?? 0,
                    behind: replica.bool(Keys.behind) ?? false)
            }
            return ShardStatus(
                name: shard.text(Keys.name) ?? "", endpoint: shard.text(Keys.endpoint) ?? "",
                state: State(rawValue: shard.text(Keys.state) ?? "") ?? .down, documents: shard.int(Keys.documents) ?? 0,
                generation: shard.int(Keys.generation) ?? 0, replicas: replicas)
        }
    }
}
