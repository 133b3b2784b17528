import Testing

@testable import TrawlCore
import TrawlTestSupport

/// The routing rule is part of the on-disk format: a change would send incremental writes and
/// deletes to the wrong shard of an existing index. These values were computed outside Swift.
@Suite(.ownThreads) struct ShardRouterTests {
    /// id -> its shard for K = 2, 3, 4.
    static let golden: [(id: String, shards: [Int])] = [
        ("a", [0, 1, 0]),
        ("story-001", [0, 0, 0]),
        ("reuters/2025/04/09/rates.html", [1, 1, 3]),
        ("https://example.com/x?id=7", [1, 1, 3]),
        ("école-été", [1, 1, 3]),
        ("shared", [1, 1, 1]),
        ("batch-0/story-007.txt", [1, 1, 1]),
        ("Q", [1, 2, 3]),
        ("", [1, 0, 3]),
        ("id-42", [1, 0, 1]),
    ]

    @Test(arguments: golden.indices) func routesAsTheGoldenValues(index: Int) {
        let (id, expected) = Self.golden[index]
        #expect([2, 3, 4].map { ShardRouter(count: $0).shard(of: id) } == expected, "\(id)")
    }

    @Test func theHashIsFNV1aOfTheUTF8BytesThenSplitMix64sFinalizer() {
        #expect(ContentHash.fnv1a("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(ShardRouter.finalize(0xaf63_dc4c_8601_ec8c) == 0x02c0_bdbf_4814_20f8)
    }

    @Test func oneShardTakesEverything() {
        #expect(Self.golden.allSatisfy { ShardRouter(count: 1).shard(of: $0.id) == 0 })
    }

    @Test func tenThousandIdsSpreadEvenlyOverThreeShards() {
        var counts = [0, 0, 0]
        for n in 0..<10_000 { counts[ShardRouter(count: 3).shard(of: "story-\(n).html")] += 1 }
        #expect(counts.allSatisfy { abs($0 - 3333) < 167 }, "\(counts)")
    }
}
