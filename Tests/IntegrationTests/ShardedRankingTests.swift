import Foundation
import Testing
import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// Three shards served by three `xapian-tcpsrv` "hosts" (127.0.0.2-4), opened by trawld's own
/// code (`IndexReader(endpoints:)`, as its workers do), against one database of the same articles:
/// the same top 20 with the same scores, totals and facets; sort, collapse, snippets and `get`
/// work; and trawld itself serves a stub of `remote` lines.
@Suite(.ownThreads, .serialized, .enabled(if: ShardHosts.available, "needs xapian-tcpsrv (xapian-tools)"))
struct ShardedRankingTests {
    private func search(_ reader: IndexReader, _ text: String, configure: (inout SearchQuery) -> Void = { _ in })
        throws -> SearchResult
    {
        var query = SearchQuery(text: text)
        query.limit = 20
        query.snippet = false
        query.facets = [.source, .year, .month]
        configure(&query)
        return try reader.search(query)
    }

    /// Hits in rank order, runs of equal scores as sets (docids, which sharding changes, break
    /// ties); the page's last run is left out, since it may go on past the page (scores are
    /// compared hit by hit).
    static func ranked(_ result: SearchResult) -> [Set<String>] {
        var runs: [(score: Double, ids: Set<String>)] = []
        for hit in result.hits {
            if let last = runs.last, abs(last.score - hit.score) < 1e-9 {
                runs[runs.count - 1].ids.insert(hit.id)
            } else {
                runs.append((hit.score, [hit.id]))
            }
        }
        return runs.dropLast().map(\.ids)
    }

    @Test(.timeLimit(.minutes(2))) func threeRemoteShardsRankLikeOneDatabase() throws {
        let fixture = try RemoteShards(alsoAsOne: true)
        let one = try fixture.one!.reader(), remote = try fixture.reader()
        for text in ShardedCorpus.queries {
            let single = try search(one, text), sharded = try search(remote, text)
            #expect(!single.hits.isEmpty, "\(text)")
            #expect(Self.ranked(single) == Self.ranked(sharded), "\(text)")
            #expect(zip(single.hits, sharded.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(text)")
            #expect(single.total == sharded.total && single.facets == sharded.facets, "\(text)")
            #expect(sharded.missingShards.isEmpty, "\(text)")
        }
        for sort in [SearchQuery.Sort.newest, .oldest] {
            for text in ["harbour", "council OR budget", ""] {
                let single = try search(one, text) { $0.sort = sort }, sharded = try search(remote, text) { $0.sort = sort }
                #expect(!single.hits.isEmpty && single.hits.map(\.id) == sharded.hits.map(\.id), "\(sort) \(text)")
                // Facets and totals as one database's also when sorted by date (Xapian counted a
                // remote shard's matches past the page twice: 695 of 693), with and without collapse.
                #expect(single.total == sharded.total && single.facets == sharded.facets, "\(sort) \(text)")
                let grouped = { (query: inout SearchQuery) in
                    query.sort = sort
                    query.collapse = .copies
                    query.limit = 5
                }
                let singleGrouped = try search(one, text, configure: grouped), shardedGrouped = try search(remote, text, configure: grouped)
                #expect(singleGrouped.total == shardedGrouped.total && singleGrouped.facets == shardedGrouped.facets, "\(sort) \(text)")
            }
        }
        let single = try search(one, ShardedCorpus.filteredQuery, configure: ShardedCorpus.filter)
        let sharded = try search(remote, ShardedCorpus.filteredQuery, configure: ShardedCorpus.filter)
        #expect(Self.ranked(single) == Self.ranked(sharded) && single.facets == sharded.facets)
    }

    @Test(.timeLimit(.minutes(2))) func collapseSnippetsAndGetWorkOnRemoteShards() throws {
        let fixture = try RemoteShards(alsoAsOne: true)
        let one = try fixture.one!.reader(), remote = try fixture.reader()
        let collapse = { (query: inout SearchQuery) in query.collapse = .copies }
        let groups = { (result: SearchResult) in result.hits.map { ShardedCorpus.bodyGroup(of: $0.id) } }
        let single = try search(one, "harbour OR storm", configure: collapse)
        let sharded = try search(remote, "harbour OR storm", configure: collapse)
        #expect(!single.hits.isEmpty && Set(groups(single)) == Set(groups(sharded)))
        // A collapsed total is exact over remote shards too, with no hit asked for (as `count` asks).
        let counting = { (query: inout SearchQuery) in
            query.collapse = .copies
            query.limit = 0
        }
        let counted = try search(remote, "(harbour OR storm) source:herald", configure: counting).total
        let countedByOne = try search(one, "(harbour OR storm) source:herald", configure: counting).total
        #expect(counted.lower > 0 && counted.lower == counted.upper && counted == countedByOne, "\(counted) \(countedByOne)")

        let snippets = { (query: inout SearchQuery) in query.snippet = true }
        var snippetOf: [String: String] = [:]
        for hit in try search(one, "\"ferry strike\" OR glacier", configure: snippets).hits { snippetOf[hit.id] = hit.snippet }
        let withSnippets = try search(remote, "\"ferry strike\" OR glacier", configure: snippets)
        #expect(!withSnippets.hits.isEmpty && withSnippets.hits.allSatisfy { $0.snippet != nil && $0.snippet == snippetOf[$0.id] })

        for n in stride(from: 0, to: ShardedCorpus.count, by: 17) {
            let id = String(format: "story-%03d", n)
            #expect(try remote.article(id: id) == one.article(id: id))
        }
        #expect(throws: TrawlError.notFound(id: "story-none")) { try remote.article(id: "story-none") }
    }

    /// Remote shards give the parser no synonyms (nor spelling): a lexicon database beside them does.
    @Test(.timeLimit(.minutes(2))) func theParserReadsSynonymsFromTheLexiconBesideRemoteShards() throws {
        let fixture = try RemoteShards()
        let lexicon = fixture.three.directory + "/lexicon"
        let writer = try IndexWriter(path: lexicon)
        try writer.addSynonym("lorry", "truck")
        try writer.commit()
        let trucks = Set(try search(fixture.reader(), "truck").hits.map(\.id))
        let lorries = try search(fixture.reader(), "lorry")
        #expect(!trucks.isEmpty && lorries.hits.isEmpty)
        let withLexicon = try IndexReader(endpoints: fixture.hosts.endpoints, lexicon: lexicon, timeouts: ShardTimeouts())
        #expect(Set(try search(withLexicon, "lorry").hits.map(\.id)) == trucks)
    }

    /// `remote :PROG ARGS` lines (what `remote :ssh HOST xapian-progsrv DB` is, without ssh) and a
    /// configured lexicon (`shards.lexicon`) for a stub without local shards.
    @Test(.timeLimit(.minutes(2))) func trawldServesProgramShardsWithTheConfiguredLexicon() throws {
        let fixture = try RemoteShards(alsoAsOne: true)
        let folder = fixture.three.directory + "/prog"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stub = fixture.three.layout.shardPaths(generation: 1).map { "remote :/usr/bin/xapian-progsrv \($0)\n" }.joined()
        try stub.write(toFile: folder + "/current", atomically: true, encoding: .utf8)
        let lexicon = try #require(fixture.three.layout.lexiconPath(generation: 1))
        let daemon = try DaemonProcess(
            index: folder, socket: fixture.three.directory + "/p", environment: ["TRAWL_SHARDS_LEXICON": lexicon])
        let found = try daemon.roundTrip(#"{"op":"search","q":"harbour","limit":20}"#)
        let expected = try search(fixture.one!.reader(), "harbour")
        #expect((found["hits"] as? [[String: Any]])?.count == expected.hits.count, "\(found)")
        #expect(found["partial"] == nil, "\(found)")
        let hello = try daemon.roundTrip(#"{"op":"hello"}"#)
        let shards = hello["shards"] as? [[String: Any]] ?? []
        #expect(shards.count == 3 && shards.allSatisfy { $0["state"] as? String == "up" }, "\(hello)")
        // Spelling comes from the configured lexicon: the shards hold none.
        let misspelt = try daemon.roundTrip(#"{"op":"search","q":"harbuor","correct":"suggest"}"#)
        #expect(misspelt["corrected"] as? String == "harbour", "\(misspelt)")
    }

    @Test(.timeLimit(.minutes(2))) func trawldServesAStubOfRemoteShards() throws {
        let fixture = try RemoteShards(alsoAsOne: true)
        let daemon = try DaemonProcess(index: fixture.stubFolder, socket: fixture.three.directory + "/s")
        let hello = try daemon.roundTrip(#"{"op":"hello"}"#)
        #expect(hello["documents"] as? Int == ShardedCorpus.count && hello["generation"] as? Int == 1, "\(hello)")
        let found = try daemon.roundTrip(#"{"op":"search","q":"harbour","facets":["source"],"limit":20}"#)
        let expected = try search(fixture.one!.reader(), "harbour")
        #expect((found["hits"] as? [[String: Any]])?.count == expected.hits.count, "\(found)")
        #expect(found["partial"] == nil && found["missing_shards"] == nil, "\(found)")
        let counted = try daemon.roundTrip(#"{"op":"count","q":"harbour"}"#)
        #expect((counted["total"] as? [String: Any])?["lower"] as? Int == expected.total.lower, "\(counted)")
    }
}
