import Foundation
import Testing
@testable import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// Replicas of a shard may briefly serve different generations (one has caught up with a rebuild,
/// one not yet): a reader opened then answers from the generation every shard can give, without the
/// endpoints of another one, so that no answer mixes two.
@Suite(.ownThreads) struct ShardGenerationTests {
    /// Two shards of generation 1, and a copy of shard 0 that says it is generation 2.
    private func shards() throws -> (fixture: IndexFixture, shards: [String], newer: String) {
        let fixture = try IndexFixture(withSeeds: false)
        try ShardedCorpus.write(into: fixture)
        var options = IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)
        options.shards = 2
        _ = try Indexer(options: options).run(rebuild: true)
        let shards = fixture.layout.shardPaths(generation: 1)
        let newer = fixture.directory + "/caught-up-shard-0"
        try FileManager.default.copyItem(atPath: shards[0], toPath: newer)
        let writer = try IndexWriter(path: newer)
        try writer.setMetadata(MetadataKey.generation, "2")
        try writer.commit()
        return (fixture, shards, newer)
    }

    private func search(_ reader: IndexReader) throws -> SearchResult {
        var query = SearchQuery(text: "harbour OR ferry")
        query.snippet = false
        return try reader.search(query)
    }

    @Test func aReplicaAheadOfTheOtherShardsIsLeftOut() throws {
        let (fixture, shards, newer) = try shards()
        defer { withExtendedLifetime(fixture) {} }  // its folder holds the databases
        let reader = try IndexReader(
            servers: [
                ShardServer(shard: 0, endpoint: .local(path: newer)), ShardServer(shard: 0, endpoint: .local(path: shards[0])),
                ShardServer(shard: 1, endpoint: .local(path: shards[1])),
            ], timeouts: ShardTimeouts())
        #expect(try reader.metadata(MetadataKey.generation) == "1")
        #expect(!reader.isEndpointOpen(0) && reader.endpointError(0) == "serves generation 2, not 1")
        for _ in 0..<3 { #expect(try search(reader).missingShards.isEmpty) }
        #expect(throws: TrawlError.self) { try reader.connectEndpoint(0) }
    }

    /// Every shard can give both generations: the newer one is served.
    @Test func theNewestGenerationEveryShardGivesIsServed() throws {
        let (fixture, shards, newer) = try shards()
        defer { withExtendedLifetime(fixture) {} }
        let newerOne = fixture.directory + "/caught-up-shard-1"
        try FileManager.default.copyItem(atPath: shards[1], toPath: newerOne)
        let writer = try IndexWriter(path: newerOne)
        try writer.setMetadata(MetadataKey.generation, "2")
        try writer.commit()
        let reader = try IndexReader(
            servers: [
                ShardServer(shard: 0, endpoint: .local(path: shards[0])), ShardServer(shard: 0, endpoint: .local(path: newer)),
                ShardServer(shard: 1, endpoint: .local(path: shards[1])), ShardServer(shard: 1, endpoint: .local(path: newerOne)),
            ], timeouts: ShardTimeouts())
        #expect(try reader.metadata(MetadataKey.generation) == "2")
        #expect(!reader.isEndpointOpen(0) && reader.isEndpointOpen(1) && !reader.isEndpointOpen(2) && reader.isEndpointOpen(3))
        #expect(try search(reader).missingShards.isEmpty)
    }
}
