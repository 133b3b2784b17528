import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// The indexer's publish stubs served by a real `xapian-replicate-server`, followed by
/// `xapian-replicate` replicas (one-shot): a rebuild arrives as a full copy of the new generation,
/// an incremental run's commit as a changeset. Short by default; `TRAWL_SOAK=1` runs many rounds.
@Suite(.ownThreads, .serialized, .enabled(if: XapianServerProcess.toolsInstalled, "needs xapian-tools"))
struct ReplicationTests {
    static let soak = ProcessInfo.processInfo.environment["TRAWL_SOAK"] == "1"

    /// `Update complete: C copies, N changesets, ...` of `xapian-replicate -v`, as (C, N).
    private func transfers(_ run: Finished) -> (copies: Int, changesets: Int)? {
        let text = run.stdout + run.stderr
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Update complete:") }) else { return nil }
        let words = line.split(separator: " ")
        func number(before word: String) -> Int? {
            words.firstIndex { $0.hasPrefix(word) }.flatMap { $0 > 0 ? Int(words[$0 - 1]) : nil }
        }
        guard let copies = number(before: "copies"), let changesets = number(before: "changesets") else { return nil }
        return (copies, changesets)
    }

    /// Xapian's changeset files (`changesN`) in a database folder.
    private func changesets(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("changes") }
    }

    @Test(.timeLimit(.minutes(Self.soak ? 20 : 3))) func rebuildsArriveAsCopiesAndIncrementalCommitsAsChangesets() throws {
        let scratch = try Scratch()
        let built = try ShardedScratchIndex(scratch, articles: 0..<40, shards: 2)
        let (corpus, index, config) = (built.corpus, built.index, built.config)
        let names = ["shard-0", "shard-1", "lexicon"]
        // A rebuild writes no changesets (trawl-index unsets XAPIAN_MAX_CHANGESETS for it).
        #expect(try changesets(in: index + "/gen-1/shard-0").isEmpty)
        for name in names {
            let stub = try String(contentsOfFile: index + "/publish/" + name, encoding: .utf8)
            #expect(stub == "auto ../gen-1/\(name)\n", "exactly one line: xapian-replicate refuses more")
        }

        let server = try XapianServerProcess(
            "xapian-replicate-server", ["-I", "127.0.0.7", "-p", String(XapianServerProcess.port(1)), index + "/publish"],
            host: "127.0.0.7", port: XapianServerProcess.port(1))
        let replica = { (name: String) in scratch.path + "/replica/" + name }
        try FileManager.default.createDirectory(atPath: scratch.path + "/replica", withIntermediateDirectories: true)
        for name in names {
            let run = try replicateOnce(from: server, name: name, into: replica(name))
            #expect(run.status == 0 && transfers(run)?.copies == 1, "\(run.stdout)\(run.stderr)")
            #expect(try IndexReader(path: replica(name)).metadata(MetadataKey.generation) == "1")
        }

        for round in 1...(Self.soak ? 5 : 1) {
            // A rebuild: a new database behind each stub, so the replica gets the whole of it.
            let generation = round + 1
            try corpus.write(0..<(40 + round))
            #expect(try runIndexer(index: index, articles: corpus.folder, ["--config", config, "--rebuild"]).status == 0)
            for name in names {
                let run = try replicateOnce(from: server, name: name, into: replica(name))
                #expect(run.status == 0 && transfers(run)?.copies == 1, "\(run.stdout)\(run.stderr)")
                #expect(try IndexReader(path: replica(name)).metadata(MetadataKey.generation) == "\(generation)")
            }
            let shards = try (0..<2).map { try IndexReader(path: replica("shard-\($0)")).documentCount() }
            #expect(shards.reduce(0, +) == 40 + round)

            // Incremental runs: each edit reaches the shard its id routes to as changesets, in place.
            for edit in 1...(Self.soak ? 10 : 1) {
                let number = (edit * 7 + round) % 40, revision = round * 100 + edit
                try ArticleCorpus.writeFile(corpus.folder + "/" + corpus.name(number), ArticleCorpus.text(number, revision: revision))
                let update = try runIndexer(index: index, articles: corpus.folder)
                #expect(update.status == 0 && update.count("updated") == 1, "\(update.stderr)")
                let shard = "shard-\(ShardRouter(count: 2).shard(of: corpus.name(number)))"
                #expect(try !changesets(in: index + "/gen-\(generation)/" + shard).isEmpty)
                let run = try replicateOnce(from: server, name: shard, into: replica(shard))
                let sent = transfers(run)
                #expect(run.status == 0 && sent?.copies == 0 && (sent?.changesets ?? 0) >= 1, "\(run.stdout)\(run.stderr)")
                let copy = try IndexReader(path: replica(shard))
                #expect(try copy.metadata(MetadataKey.generation) == "\(generation)")
                var query = SearchQuery(text: ArticleCorpus.marker(number, revision: revision))
                query.snippet = false
                query.correct = .off
                #expect(try copy.search(query).hits.map(\.id) == [corpus.name(number)])
                // The lexicon took the new spelling in the same run: a changeset too.
                let lexicon = try replicateOnce(from: server, name: "lexicon", into: replica("lexicon"))
                #expect(transfers(lexicon)?.copies == 0 && (transfers(lexicon)?.changesets ?? 0) >= 1, "\(lexicon.stdout)")
            }
        }
    }
}
