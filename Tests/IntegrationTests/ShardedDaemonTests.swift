import Foundation
import Testing
import TrawlClient
import TrawlCore
import TrawlTestSupport

/// The real `trawl-index` with `indexing.shards: 3` and the real `trawld` serving the stub that
/// lists the three shards: every article once, `get`, facets, sorting, snippets, spelling, the
/// generation's metadata, and an incremental run that reaches the right shard.
@Suite(.ownThreads, .serialized) struct ShardedDaemonTests {
    @Test(.timeLimit(.minutes(2))) func trawldServesAThreeShardIndex() throws {
        let scratch = try Scratch()
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        let ids = try corpus.write(0..<60)
        let index = scratch.path + "/index"
        let config = try scratch.write("indexing:\n  shards: 3\n", to: "trawl.yaml")
        let built = try runIndexer(index: index, articles: corpus.folder, ["--config", config, "--rebuild"])
        #expect(built.status == 0 && built.count("documents") == 60, "\(built.stderr)")
        #expect(try String(contentsOfFile: index + "/current", encoding: .utf8)
            == "auto gen-1/shard-0\nauto gen-1/shard-1\nauto gen-1/shard-2\n")

        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let served = try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 1)
        #expect(served.ids.sorted() == ids.sorted())
        let hello = try daemon.roundTrip(#"{"op":"hello"}"#)
        #expect(hello["generation"] as? Int == 1 && hello["documents"] as? Int == 60)
        let stats = try daemon.roundTrip(#"{"op":"stats"}"#)
        #expect(stats["updated"] as? String != nil && stats["documents"] as? Int == 60, "\(stats)")

        let marker = ArticleCorpus.marker(7)
        let found = try daemon.roundTrip(#"{"op":"search","q":"\#(marker)","facets":["year"]}"#)
        let hits = found["hits"] as? [[String: Any]] ?? []
        #expect(hits.map { $0["id"] as? String } == [corpus.name(7)], "\(found)")
        #expect((hits.first?["snippet"] as? String)?.contains("<b>\(marker)</b>") == true, "\(found)")
        #expect(found["facets"] != nil)
        let got = try daemon.roundTrip(#"{"op":"get","article":"\#(corpus.name(42))"}"#)
        #expect(got["ok"] as? Bool == true && (got["doc"] as? [String: Any])?["id"] as? String == corpus.name(42), "\(got)")
        let newest = try daemon.roundTrip(#"{"op":"search","q":"council","sort":"newest","limit":100,"snippet":false}"#)
        #expect((newest["hits"] as? [[String: Any]])?.count == 60, "\(newest)")
        let typo = try daemon.roundTrip(#"{"op":"search","q":"councl","correct":"suggest"}"#)
        #expect(typo["corrected"] as? String == "council", "\(typo)")

        // An incremental run (without the config: the generation keeps its three shards, and says so).
        try ArticleCorpus.writeFile(corpus.folder + "/" + corpus.name(7), ArticleCorpus.text(7, revision: 1))
        try FileManager.default.removeItem(atPath: corpus.folder + "/" + corpus.name(8))
        let update = try runIndexer(index: index, articles: corpus.folder)
        #expect(update.status == 0 && update.count("updated") == 1 && update.count("deleted") == 1, "\(update.stderr)")
        #expect(update.stderr.contains("indexing.shards is 1, the live generation has 3 shards"), "\(update.stderr)")
        let after = try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 1, documents: 59)
        #expect(after.ids.sorted() == ids.filter { $0 != corpus.name(8) }.sorted())
        let edited = try daemon.roundTrip(#"{"op":"search","q":"\#(ArticleCorpus.marker(7, revision: 1))","snippet":false}"#)
        #expect((edited["hits"] as? [[String: Any]])?.map { $0["id"] as? String } == [corpus.name(7)], "\(edited)")
        let stale = try daemon.roundTrip(#"{"op":"search","q":"\#(marker)","snippet":false,"correct":"off"}"#)
        #expect((stale["hits"] as? [[String: Any]])?.isEmpty == true, "\(stale)")

        // A rebuild into another shard count: trawld switches to it as to any new generation.
        let two = try scratch.write("indexing:\n  shards: 2\n", to: "two.yaml")
        let rebuilt = try runIndexer(index: index, articles: corpus.folder, ["--config", two, "--rebuild"])
        #expect(rebuilt.status == 0 && rebuilt.count("generation") == 2, "\(rebuilt.stderr)")
        #expect(IndexInspection.liveGeneration(in: index) == 2)
        let switched = try IndexInspection.servedIDs(socket: daemon.socketPath, generation: 2)
        #expect(switched.ids.sorted() == after.ids.sorted())
    }

    /// "Did you mean" and synonyms come from the generation's lexicon: trawld answers them on three
    /// shards as on one database of the same articles, also after an incremental run added words.
    @Test(.timeLimit(.minutes(2))) func spellingAndSynonymsOnThreeShardsAnswerAsOneDatabase() throws {
        let scratch = try Scratch()
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<40)
        let words = ["government spending", "parliament debate", "harbour ferry", "lorry drivers", "truck tariffs"]
        for (n, text) in words.enumerated() {
            try ArticleCorpus.writeFile(corpus.folder + "/w\(n).txt", "Words \(n)\n\n\(text) in the news.\n")
        }
        let synonyms = try scratch.write("lorry: truck\n", to: "synonyms.txt")
        func indexed(shards: Int) throws -> DaemonProcess {
            let config = try scratch.write(
                "indexing:\n  shards: \(shards)\n  synonyms_file: \(synonyms)\n", to: "k\(shards).yaml")
            let index = scratch.path + "/index\(shards)"
            let built = try runIndexer(index: index, articles: corpus.folder, ["--config", config, "--rebuild"])
            #expect(built.status == 0, "\(built.stderr)")
            return try DaemonProcess(index: index, socket: scratch.path + "/s\(shards)")
        }
        let one = try indexed(shards: 1), three = try indexed(shards: 3)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/index3/gen-1/lexicon/iamglass"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/index1/gen-1/lexicon"))

        func answers(_ daemon: DaemonProcess) throws -> [String] {
            var out: [String] = []
            for query in ["goverment", "parliment debate", "harbur", "counsil budget", "lorry", "truck", "zepelin"] {
                for mode in ["suggest", "auto"] {
                    // Every hit (as a set): ties in score are ordered by docid, which sharding changes.
                    let found = try daemon.roundTrip(#"{"op":"search","q":"\#(query)","correct":"\#(mode)","snippet":false,"limit":100}"#)
                    let ids = ((found["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.sorted()
                    out.append("\(query) \(mode): \(found["corrected"] as? String ?? "-") \(ids)")
                }
            }
            return out
        }
        let single = try answers(one)
        #expect(single.contains { $0.hasPrefix("goverment suggest: government") }, "\(single)")
        #expect(single.contains { $0.hasPrefix("lorry suggest: - [\"w3.txt\", \"w4.txt\"]") }, "\(single)")
        #expect(try answers(three) == single)

        // An incremental run's new words reach the lexicon (no config: the generations keep their shard counts).
        try ArticleCorpus.writeFile(corpus.folder + "/w9.txt", "Words 9\n\nA zeppelin over the harbour.\n")
        for index in ["index1", "index3"] {
            #expect(try runIndexer(index: scratch.path + "/" + index, articles: corpus.folder).status == 0)
        }
        // trawld picks the commits up on its poll tick.
        let fixed = { (lines: [String]) in lines.contains { $0.hasPrefix("zepelin auto: zeppelin [\"w9.txt\"]") } }
        let deadline = Date().addingTimeInterval(10)
        var after = try answers(one), sharded = try answers(three)
        while !(fixed(after) && sharded == after), Date() < deadline {
            usleep(100_000)
            (after, sharded) = (try answers(one), try answers(three))
        }
        #expect(fixed(after), "\(after)")
        #expect(sharded == after)
    }

    /// `kill -9` of an incremental run on three shards (their commits are not atomic together) at
    /// several moments: the next run finishes the work, and every article is there exactly once,
    /// in its latest version.
    @Test(.timeLimit(.minutes(3))) func aKilledIncrementalRunOnShardsIsMadeWholeByTheNext() throws {
        let scratch = try Scratch()
        let built = try ShardedScratchIndex(scratch, articles: 0..<400, shards: 3)
        let (corpus, index, config) = (built.corpus, built.index, built.config)
        for (round, delay) in [30_000, 120_000, 400_000].enumerated() {
            let revision = round + 1
            try corpus.write(0..<400, revision: revision)
            let killed = try StartedProgram(Binaries.path("trawl-index"), ["--index", index, "--config", config, corpus.folder])
            usleep(UInt32(delay))
            killed.kill()
            _ = killed.finish()
            let next = try runIndexer(index: index, articles: corpus.folder, ["--config", config])
            #expect(next.status == 0 && next.count("documents") == 400, "\(next.stderr)")

            let reader = try IndexReader(path: index + "/current")
            #expect(try reader.documentCount() == 400)
            for n in stride(from: 0, to: 400, by: 23) {
                #expect(try reader.termFrequency(prefix: "Q", key: corpus.name(n)) == 1)
                var query = SearchQuery(text: ArticleCorpus.marker(n, revision: revision))
                query.snippet = false
                query.correct = .off
                #expect(try reader.search(query).hits.map(\.id) == [corpus.name(n)], "round \(revision), article \(n)")
            }
        }
    }
}
