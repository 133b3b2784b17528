/// Which shard of a generation holds an article: the one rule, used for every write and delete,
/// so that an id lives in exactly one shard and incremental runs find it again.
///
/// `shard = splitmix64Finalizer(fnv1a64(id's UTF-8 bytes)) % count`. The finalizer matters:
/// FNV-1a's low bits are weak (bit 0 is the parity of the bytes' low bits), and `% count` reads them.
/// Changing this rule moves articles between shards: existing indexes then need `--rebuild`.
public struct ShardRouter: Sendable, Equatable {
    /// Shards in the generation (1 = one database, today's layout).
    public let count: Int

    public init(count: Int) {
        precondition(count >= 1, "a generation has at least one shard")
        self.count = count
    }

    /// The shard (0..<count) that holds the article with this id.
    public func shard(of id: String) -> Int {
        guard count > 1 else { return 0 }
        return Int(Self.finalize(ContentHash.fnv1a(id.utf8)) % UInt64(count))
    }

    /// SplitMix64's output mix: spreads every input bit over every output bit (also the tests'
    /// seeded generator's, `SplitMix64`).
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// What each shard records about the rule it was written with (`trawl.shard_hash`).
    public static let ruleName = "fnv1a64+splitmix64"
}
