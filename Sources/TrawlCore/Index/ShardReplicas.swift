/// One endpoint serving shard `shard` (its position in the stub): the stub's line, or one of its
/// replicas (`shards.replicas`).
public struct ShardServer: Sendable, Hashable {
    public let shard: Int
    public let endpoint: ShardEndpoint

    public init(shard: Int, endpoint: ShardEndpoint) {
        self.shard = shard
        self.endpoint = endpoint
    }
}

/// `shards.replicas`: hosts that serve the same shard as a `remote HOST:PORT` line of the stub.
/// Each entry is one shard's endpoints, separated by spaces: the stub line's `HOST:PORT` first,
/// then its replicas (`"10.0.0.5:7101 10.0.0.6:7101"`).
public struct ShardReplicas: Sendable, Equatable {
    /// Each shard's endpoints, the stub's first.
    public let groups: [[ShardEndpoint]]

    public static let none = ShardReplicas(checked: [])

    private init(checked groups: [[ShardEndpoint]]) { self.groups = groups }

    /// The entries as the config gives them; throws the problem as a sentence.
    public init(entries: [String]) throws(ShardReplicasError) {
        var groups: [[ShardEndpoint]] = []
        var seen: Set<ShardEndpoint> = []
        for entry in entries {
            let words = entry.split(separator: " ").map(String.init)
            guard words.count >= 2 else {
                throw ShardReplicasError("\"\(entry)\" names one endpoint: give the stub's HOST:PORT, then its replicas'")
            }
            var group: [ShardEndpoint] = []
            for word in words {
                guard let endpoint = ShardStub.remote(word), case .remote = endpoint else {
                    throw ShardReplicasError("\"\(word)\" in \"\(entry)\" is not HOST:PORT")
                }
                guard seen.insert(endpoint).inserted else {
                    throw ShardReplicasError("\(word) is listed twice: an endpoint serves one shard")
                }
                group.append(endpoint)
            }
            groups.append(group)
        }
        self.init(checked: groups)
    }

    public var isEmpty: Bool { groups.isEmpty }

    /// Every endpoint of the stub's shards: each line, then the replicas of the lines named here.
    public func servers(of stub: ShardStub) -> [ShardServer] {
        stub.endpoints.enumerated().flatMap { shard, endpoint in
            let replicas = groups.first { $0.first == endpoint }?.dropFirst() ?? []
            return ([endpoint] + replicas).map { ShardServer(shard: shard, endpoint: $0) }
        }
    }

    /// Entries whose first endpoint is no line of the stub (they serve nothing).
    public func unmatched(by stub: ShardStub) -> [ShardEndpoint] {
        groups.compactMap(\.first).filter { !stub.endpoints.contains($0) }
    }
}

/// What is wrong with `shards.replicas`.
public struct ShardReplicasError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}

extension ConfigKind<ShardReplicas> {
    static let shardReplicas = ConfigKind(
        type: .stringArray, expected: "a list of \"HOST:PORT HOST:PORT ...\" entries (a stub line's endpoint, then its replicas)"
    ) { value throws(ConfigError) in
        let entries = try value.strings()
        do {
            return try ShardReplicas(entries: entries)
        } catch {
            throw value.error("\(error)")
        }
    }
}
