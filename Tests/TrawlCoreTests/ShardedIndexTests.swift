import Foundation
import Testing

@testable import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// `indexing.shards: 3`: the same articles as one database, written as three shards that `current`
/// lists. Searched through the stub, the shards must answer as the one database does.
@Suite(.ownThreads) struct ShardedIndexTests {
    /// The corpus rebuilt as `shards` shards, in a folder of its own.
    private func indexed(shards: Int, synonyms: String? = nil) throws -> IndexFixture {
        let fixture = try IndexFixture(withSeeds: false)
        try ShardedCorpus.write(into: fixture)
        var options = IndexerOptions(indexRoot: fixture.index, articlesRoot: fixture.articles)
        options.writers = 2
        options.shards = shards
        if let synonyms {
            options.synonymsFile = fixture.directory + "/synonyms.txt"
            try synonyms.write(toFile: fixture.directory + "/synonyms.txt", atomically: false, encoding: .utf8)
        }
        _ = try Indexer(options: options).run(rebuild: true)
        return fixture
    }

    /// The same articles as one database (`one`) and as three shards (`three`).
    private func indexedTwice(synonyms: String? = nil) throws -> (one: IndexFixture, three: IndexFixture) {
        (try indexed(shards: 1, synonyms: synonyms), try indexed(shards: 3, synonyms: synonyms))
    }

    private func search(_ fixture: IndexFixture, _ text: String, configure: (inout SearchQuery) -> Void = { _ in })
        throws -> SearchResult
    {
        var query = SearchQuery(text: text)
        query.limit = 300
        query.facets = SearchQuery.Facet.allCases
        query.exactTotals = true
        query.snippet = false
        configure(&query)
        return try fixture.reader().search(query)
    }

    /// Rank order with equal scores (to 1e-9) ordered by id: docids, which break ties, differ.
    private func ranked(_ result: SearchResult) -> [String] {
        let order = result.hits.sorted { (a: Hit, b: Hit) -> Bool in
            abs(a.score - b.score) > 1e-9 ? a.score > b.score : a.id < b.id
        }
        return order.map(\.id)
    }

    /// Every hit's score is the one database's score of the same article.
    private func sameScores(_ single: SearchResult, _ sharded: SearchResult) -> Bool {
        var scores: [String: Double] = [:]
        for hit in single.hits { scores[hit.id] = hit.score }
        return sharded.hits.allSatisfy { (hit: Hit) -> Bool in abs(hit.score - (scores[hit.id] ?? -1)) < 1e-9 }
    }

    private func shardReaders(_ fixture: IndexFixture, generation: Int = 1) throws -> [IndexReader] {
        try fixture.layout.shardPaths(generation: generation).map { try IndexReader(path: $0) }
    }

    @Test func aRebuildWritesTheShardsThatCurrentListsEachWithTheGenerationsMetadata() throws {
        let (one, three) = try indexedTwice()
        let stub = { (fixture: IndexFixture) in try String(contentsOfFile: fixture.layout.currentStub, encoding: .utf8) }
        #expect(try stub(one) == "auto gen-1\n")
        #expect(try stub(three) == "auto gen-1/shard-0\nauto gen-1/shard-1\nauto gen-1/shard-2\n")
        #expect(try one.reader().metadata(MetadataKey.shard) == "")

        let shards = try shardReaders(three)
        #expect(shards.count == 3)
        for (index, shard) in shards.enumerated() {
            #expect(try shard.metadata(MetadataKey.generation) == "1")
            #expect(try shard.metadata(MetadataKey.shard) == "\(index)/3")
            #expect(try shard.metadata(MetadataKey.shardHash) == ShardRouter.ruleName)
            #expect(try shard.metadata(MetadataKey.articlesRoot) == three.articles)
            #expect(try shard.metadata(MetadataKey.updated) != "")
            // Every file's fingerprint, whichever shards its articles went to.
            #expect(try shard.metadata(prefix: FileFingerprint.prefix).count == ShardedCorpus.count)
            #expect(try shard.documentCount() > ShardedCorpus.count / 5)
        }
        // Each id in exactly the shard it routes to.
        let router = ShardRouter(count: 3)
        for n in stride(from: 0, to: ShardedCorpus.count, by: 7) {
            let id = String(format: "story-%03d", n)
            let held = try shards.map { try $0.termFrequency(prefix: "Q", key: id) }
            #expect(held == (0..<3).map { $0 == router.shard(of: id) ? 1 : 0 }, "\(id)")
        }
        #expect(try three.reader().documentCount() == ShardedCorpus.count)
        // The combined database reads metadata from shard 0, which has all of it.
        #expect(try three.reader().metadata(MetadataKey.generation) == "1")
        #expect(!FileManager.default.fileExists(atPath: three.layout.shardsDirectory(1)))
    }

    @Test func threeShardsRankAndCountLikeOneDatabase() throws {
        let (one, three) = try indexedTwice()
        for text in ShardedCorpus.queries {
            let single = try search(one, text), sharded = try search(three, text)
            #expect(single.total == sharded.total, "\(text)")
            #expect(single.facets == sharded.facets, "\(text)")
            #expect(!single.hits.isEmpty, "\(text)")
            #expect(Array(ranked(single).prefix(20)) == Array(ranked(sharded).prefix(20)), "\(text)")
            #expect(sameScores(single, sharded), "\(text)")
        }
        for text in ShardedCorpus.wildcardQueries {
            let single = try search(one, text), sharded = try search(three, text)
            #expect(single.total == sharded.total && single.facets == sharded.facets, "\(text)")
            #expect(!single.hits.isEmpty && Set(single.hits.map(\.id)) == Set(sharded.hits.map(\.id)), "\(text)")
        }
        for sort in [SearchQuery.Sort.newest, .oldest] {
            for text in ["harbour", "council OR budget", ""] {
                let single = try search(one, text) { $0.sort = sort }, sharded = try search(three, text) { $0.sort = sort }
                let expected: [String] = single.hits.prefix(20).map(\.id), got: [String] = sharded.hits.prefix(20).map(\.id)
                #expect(expected == got, "\(sort) \(text)")
            }
        }
        let single = try search(one, ShardedCorpus.filteredQuery, configure: ShardedCorpus.filter)
        let sharded = try search(three, ShardedCorpus.filteredQuery, configure: ShardedCorpus.filter)
        #expect(single.total == sharded.total && single.facets == sharded.facets && ranked(single) == ranked(sharded))
    }

    @Test func getCollapseSnippetsAndSpellingWorkOnTheShards() throws {
        let (one, three) = try indexedTwice()
        for n in stride(from: 0, to: ShardedCorpus.count, by: 11) {
            let id = String(format: "story-%03d", n)
            #expect(try three.reader().article(id: id) == one.reader().article(id: id))
        }
        #expect(throws: TrawlError.notFound(id: "story-none")) { try three.reader().article(id: "story-none") }

        let collapse = { (query: inout SearchQuery) in query.collapse = .copies }
        let single = try search(one, "harbour OR storm", configure: collapse)
        let sharded = try search(three, "harbour OR storm", configure: collapse)
        let uncollapsed = try search(one, "harbour OR storm")
        // Of articles with the same body and score, docids (which sharding changes) pick the one shown.
        let groups = { (result: SearchResult) in self.ranked(result).map(ShardedCorpus.bodyGroup(of:)) }
        #expect(groups(single) == groups(sharded))
        #expect(single.hits.count < uncollapsed.hits.count)

        let snippets = { (query: inout SearchQuery) in query.snippet = true }
        let withSnippets = try search(three, "\"ferry strike\" OR glacier", configure: snippets)
        var snippetOf: [String: String] = [:]
        for hit in try search(one, "\"ferry strike\" OR glacier", configure: snippets).hits { snippetOf[hit.id] = hit.snippet }
        #expect(!withSnippets.hits.isEmpty)
        #expect(withSnippets.hits.allSatisfy { (hit: Hit) -> Bool in hit.snippet != nil && hit.snippet == snippetOf[hit.id] })

        // The lexicon holds every shard's spelling data, summed as one database sums it.
        for text in ["goverment", "harbur ferry", "parliment budget"] {
            let single = try search(one, text), sharded = try search(three, text)
            #expect(single.corrected != nil && single.corrected == sharded.corrected, "\(text)")
            #expect(ranked(single) == ranked(sharded), "\(text)")
        }
    }

    @Test func synonymsWorkOnTheShards() throws {
        let (one, three) = try indexedTwice(synonyms: "lorry: truck\n")
        let trucks: Set<String> = Set(try search(three, "truck").hits.map(\.id))
        let lorries: Set<String> = Set(try search(three, "lorry").hits.map(\.id))
        #expect(!trucks.isEmpty && lorries == trucks)
        #expect(ranked(try search(three, "lorry")) == ranked(try search(one, "lorry")))
    }

    /// The lexicon: every shard's spelling data with the frequencies one database has, the synonyms
    /// and the generation's metadata, no documents; the shards keep none of it. Incremental runs add to it.
    @Test func theLexiconHoldsSpellingSynonymsAndMetadataInsteadOfTheShards() throws {
        let (one, three) = try indexedTwice(synonyms: "lorry: truck\n")
        let path = try #require(three.layout.lexiconPath(generation: 1))
        #expect(one.layout.lexiconPath(generation: 1) == nil)
        let lexicon = try IndexReader(path: path)
        let spellings = try lexicon.spellings()
        #expect(spellings.count > 30 && spellings["government"] ?? 0 > 0)
        #expect(spellings == (try one.reader().spellings()))
        #expect(try shardReaders(three).allSatisfy { try $0.spellings().isEmpty })
        #expect(try lexicon.documentCount() == 0)
        #expect(try lexicon.metadata(MetadataKey.generation) == "1" && lexicon.metadata(MetadataKey.articlesRoot) == three.articles)
        #expect(try lexicon.metadata(prefix: FileFingerprint.prefix).isEmpty)
        // Without the lexicon, the shards know no synonym and no spelling.
        let bare = try IndexReader(path: three.layout.currentStub)
        #expect(try bare.search(SearchQuery(text: "lorry")).hits.isEmpty)
        #expect(try !three.ids("lorry").isEmpty)

        try three.write(article: ["id": "story-998", "title": "New", "body": "A zeppelin zeppelin."])
        try one.write(article: ["id": "story-998", "title": "New", "body": "A zeppelin zeppelin."])
        try three.index(shards: 3)
        try one.index()
        #expect(try IndexReader(path: path).spellings() == one.reader().spellings())
        #expect(try IndexReader(path: path).spellings()["zeppelin"] == 2)
        #expect(try shardReaders(three).allSatisfy { try $0.spellings().isEmpty })
    }

    @Test func anIncrementalRunUpdatesTheShardThatHoldsEachId() throws {
        let three = try indexed(shards: 3)
        let router = ShardRouter(count: 3)
        try three.write(article: ["id": "story-005", "title": "Edited", "body": "A zeppelin over the harbour."])
        try three.remove("story-010.json")
        try three.write(article: ["id": "story-999", "title": "New", "body": "Another zeppelin."])

        let summary = try three.index()
        #expect(summary.added == 1 && summary.updated == 1 && summary.deleted == 1 && summary.generation == 1)
        #expect(summary.documents == ShardedCorpus.count)
        // The config's default of one shard waits for a rebuild; the generation keeps its three.
        #expect(summary.notice == "indexing.shards is 1, the live generation has 3 shards: it takes effect at the next --rebuild")
        #expect(try three.index(shards: 3).notice == nil)

        let shards = try shardReaders(three)
        for id in ["story-005", "story-999"] {
            #expect(try shards.map { try $0.termFrequency(prefix: "Q", key: id) } == (0..<3).map { $0 == router.shard(of: id) ? 1 : 0 })
        }
        #expect(try shards.allSatisfy { try $0.termFrequency(prefix: "Q", key: "story-010") == 0 })
        #expect(Set(try three.ids("zeppelin")) == ["story-005", "story-999"])
        #expect(try three.ids("edited") == ["story-005"])
        #expect(try three.reader().article(id: "story-005").body == "A zeppelin over the harbour.")
        #expect(try three.reader().documentCount() == ShardedCorpus.count)
        for shard in shards {
            #expect(try shard.metadata(FileFingerprint.key(for: "story-010.json")) == "")
            #expect(try shard.metadata(FileFingerprint.key(for: "story-999.json")) != "")
        }
    }

    /// A run killed between two shard commits leaves a fingerprint in some shards only: the next
    /// run must not trust it, read the file again, and write it everywhere.
    @Test func aFingerprintMissingFromOneShardMakesTheFileBeReadAgain() throws {
        let three = try indexed(shards: 3)
        let key = FileFingerprint.key(for: "story-020.json")
        let held = try IndexReader(path: three.layout.shardPaths(generation: 1)[0]).metadata(key)
        do {
            let writer = try IndexWriter(path: three.layout.shardPaths(generation: 1)[2])
            try writer.setMetadata(key, "")
            try writer.commit()
        }

        let summary = try three.index(shards: 3)
        #expect(summary.unchanged == ShardedCorpus.count && summary.added == 0 && summary.updated == 0)
        #expect(try shardReaders(three).allSatisfy { try $0.metadata(key) == held })
    }

    /// What `xapian-replicate-server` serves: one one-line stub per shard and the lexicon, under names
    /// that never change, pointed at each new live generation (rebuild, rollback); none for one database.
    @Test func everySwitchPublishesTheLiveShardsForReplication() throws {
        let (one, three) = try indexedTwice()
        func published(_ fixture: IndexFixture) throws -> [String: String] {
            let folder = fixture.layout.publishDirectory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return try Dictionary(uniqueKeysWithValues: names.map { ($0, try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) })
        }
        #expect(!FileManager.default.fileExists(atPath: one.layout.publishDirectory))
        #expect(try published(three) == [
            "shard-0": "auto ../gen-1/shard-0\n", "shard-1": "auto ../gen-1/shard-1\n", "shard-2": "auto ../gen-1/shard-2\n",
            "lexicon": "auto ../gen-1/lexicon\n",
        ])
        // Each opens as the database it names (a relative path resolves against the stub's folder).
        #expect(try IndexReader(path: three.layout.publishDirectory + "/lexicon").metadata(MetadataKey.generation) == "1")
        #expect(try IndexReader(path: three.layout.publishDirectory + "/shard-2").metadata(MetadataKey.shard) == "2/3")

        try three.index(rebuild: true, shards: 2)
        #expect(try published(three) == [
            "shard-0": "auto ../gen-2/shard-0\n", "shard-1": "auto ../gen-2/shard-1\n", "lexicon": "auto ../gen-2/lexicon\n",
        ])
        _ = try Indexer(options: IndexerOptions(indexRoot: three.index, articlesRoot: three.articles)).rollback()
        #expect(try published(three)["shard-2"] == "auto ../gen-3/shard-2\n")
        #expect(try IndexReader(path: three.layout.publishDirectory + "/lexicon").metadata(MetadataKey.generation) == "3")
        // The next run repairs stubs a run killed between its switch and its publish left behind.
        try "auto ../gen-2/shard-0\n".write(toFile: three.layout.publishDirectory + "/shard-0", atomically: false, encoding: .utf8)
        try three.index()
        #expect(try published(three).count == 4 && published(three)["shard-0"] == "auto ../gen-3/shard-0\n")
        // A rebuild into one database takes them away.
        try three.index(rebuild: true, shards: 1)
        #expect(try published(three).isEmpty)
    }

    @Test func rebuildAndRollbackKeepEachGenerationsShardCount() throws {
        let three = try indexed(shards: 3)
        let rebuilt = try three.index(rebuild: true, shards: 2)
        #expect(rebuilt.generation == 2 && rebuilt.documents == ShardedCorpus.count)
        #expect(try String(contentsOfFile: three.layout.currentStub, encoding: .utf8) == "auto gen-2/shard-0\nauto gen-2/shard-1\n")
        #expect(three.layout.generationsOnDisk().map(\.number) == [1, 2])

        var options = IndexerOptions(indexRoot: three.index, articlesRoot: three.articles)
        options.shards = 2
        let rollback = try Indexer(options: options).rollback()
        #expect(rollback.generation == 3 && rollback.restored == 1 && rollback.documents == ShardedCorpus.count)
        #expect(try String(contentsOfFile: three.layout.currentStub, encoding: .utf8)
            == "auto gen-3/shard-0\nauto gen-3/shard-1\nauto gen-3/shard-2\n")
        #expect(try shardReaders(three, generation: 3).allSatisfy { try $0.metadata(MetadataKey.generation) == "3" })
        #expect(try three.reader().documentCount() == ShardedCorpus.count && !three.ids("harbour").isEmpty)
    }
}
