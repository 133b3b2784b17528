import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Two shards, each served by two `xapian-tcpsrv` hosts (`shards.replicas`): answers spread over
/// the replicas and rank as one database does; a replica that dies under a query load costs no
/// answer its shard (every answer whole, within budget); a replica that is back is used again; a
/// shard whose replicas are all down is missing (`partial`).
@Suite(.ownThreads, .serialized, .enabled(if: ShardHosts.available, "needs xapian-tcpsrv (xapian-tools)"))
struct ShardReplicaTests {
    static let budgetMs = 2000.0

    private static let requests = [
        #"{"op":"search","q":"harbour OR ferry","limit":5,"snippet":false}"#,
        #"{"op":"count","q":"council"}"#,
        #"{"op":"search","q":"storm","limit":3,"sort":"newest"}"#,
        #"{"op":"search","q":"","limit":10,"snippet":false}"#,
    ]

    /// The state `hello` gives each endpoint of shard `name` ("replicas"), waiting up to 10 s for `wanted`.
    private func waitForReplicas(_ daemon: DaemonProcess, _ name: String, _ wanted: [String]) throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let shards = try daemon.roundTrip(#"{"op":"hello"}"#)["shards"] as? [[String: Any]] ?? []
            let replicas = shards.first { $0["name"] as? String == name }?["replicas"] as? [[String: Any]] ?? []
            if replicas.map({ $0["state"] as? String ?? "" }) == wanted { return true }
            usleep(100_000)
        }
        return false
    }

    /// trawld over the fixture's stub and its replicas (`shards.replicas`), once shard-1's two are up.
    private func daemonWithReplicas(_ fixture: ReplicatedShards) throws -> DaemonProcess {
        let daemon = try DaemonProcess(
            index: fixture.stubFolder, socket: fixture.two.directory + "/s",
            environment: ["TRAWL_SHARDS_REPLICAS": fixture.replicasSetting])
        #expect(try waitForReplicas(daemon, "shard-1", ["up", "up"]), "\(daemon.log.suffix(2000))")
        return daemon
    }

    @Test(.timeLimit(.minutes(3))) func aReplicaThatDiesUnderLoadCostsNoAnswerItsShard() throws {
        let fixture = try ReplicatedShards()
        let daemon = try daemonWithReplicas(fixture)
        let answers = ShardFailureTests.Answers()
        let load = QueryLoad(socket: daemon.socketPath, requests: Self.requests) { answers.record($0) }
        load.start(clients: 3)

        Thread.sleep(forTimeInterval: 0.5)
        fixture.hosts.kill(3)  // shard-1's replica
        #expect(try waitForReplicas(daemon, "shard-1", ["up", "down"]))
        Thread.sleep(forTimeInterval: 1)
        try fixture.hosts.restart(3)
        #expect(try waitForReplicas(daemon, "shard-1", ["up", "up"]))
        Thread.sleep(forTimeInterval: 0.5)
        fixture.hosts.kill(1)  // shard-1's stub line: the replica that came back answers alone
        #expect(try waitForReplicas(daemon, "shard-1", ["down", "up"]))
        Thread.sleep(forTimeInterval: 1)
        let wholeUntil = Date()

        fixture.hosts.kill(3)  // no endpoint of shard-1 is left
        #expect(try waitForReplicas(daemon, "shard-1", ["down", "down"]))
        let bothDown = Date()
        Thread.sleep(forTimeInterval: 1)
        let report = load.stop()

        #expect(report.failures.isEmpty, "\(report.failures)")
        let whole = answers.between(.distantPast, wholeUntil)
        #expect(!whole.isEmpty && whole.allSatisfy { $0.missing.isEmpty }, "\(whole.filter { !$0.missing.isEmpty }.prefix(5))")
        let partial = answers.between(bothDown.addingTimeInterval(0.2), Date())
        #expect(!partial.isEmpty && partial.allSatisfy { $0.missing == ["shard-1"] }, "\(partial.prefix(5))")
        #expect(answers.all.allSatisfy { $0.tookMs < Self.budgetMs }, "\(answers.all.map(\.tookMs).max() ?? 0) ms")
        #expect(daemon.process.isRunning)
    }

    /// A replica whose replication stopped (here: a host serving a copy taken before an incremental
    /// run) took its turn in every other answer: counts went 19, 40, 40, 19, ... It is left out,
    /// and `hello` says it is `behind`, until it holds what the other replica holds.
    @Test(.timeLimit(.minutes(2))) func aReplicaBehindTheOtherIsLeftOutUntilItCatchesUp() throws {
        let fixture = try ReplicatedShards()
        let live = fixture.two.layout.shardPaths(generation: 1)
        let stale = fixture.two.directory + "/stale-shard-1"
        try FileManager.default.copyItem(atPath: live[1], toPath: stale)
        try fixture.hosts.restart(3, database: stale)  // shard-1's replica
        let daemon = try daemonWithReplicas(fixture)

        let ids = (0..<40).map { "walrus-\($0)" }
        for id in ids {
            try fixture.two.write(article: ["id": id, "title": "Walrus \(id)", "body": "A walrus was seen on the pier \(id)."])
        }
        var options = IndexerOptions(indexRoot: fixture.two.index, articlesRoot: fixture.two.articles)
        options.shards = 2
        #expect(try Indexer(options: options).run(rebuild: false).added == ids.count)
        let onShard1 = ids.filter { ShardRouter(count: 2).shard(of: $0) == 1 }
        #expect(!onShard1.isEmpty && onShard1.count < ids.count)

        func replicas() throws -> [[String: Any]] {
            let shards = try daemon.roundTrip(#"{"op":"hello"}"#)["shards"] as? [[String: Any]] ?? []
            return shards.first { $0["name"] as? String == "shard-1" }?["replicas"] as? [[String: Any]] ?? []
        }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, try replicas().last?["behind"] as? Bool != true { usleep(100_000) }
        #expect(try replicas().map { $0["behind"] as? Bool ?? false } == [false, true])
        usleep(1_500_000)  // every worker's reader has reopened since
        let counts = try (0..<10).map { _ in
            try daemon.roundTrip(#"{"op":"count","q":"walrus"}"#)["total"].flatMap { ($0 as? [String: Any])?["lower"] as? Int } ?? -1
        }
        #expect(counts.allSatisfy { $0 == ids.count }, "\(counts)")

        // With the replica that is up to date gone, the one behind answers for its shard: a
        // whole answer (not `partial`), without the articles it has not received.
        fixture.hosts.kill(1)
        #expect(try waitForReplicas(daemon, "shard-1", ["down", "up"]))
        let standIn = try daemon.roundTrip(#"{"op":"count","q":"walrus"}"#)
        #expect(standIn["partial"] == nil, "\(standIn)")
        #expect((standIn["total"] as? [String: Any])?["lower"] as? Int == ids.count - onShard1.count, "\(standIn)")
        try fixture.hosts.restart(1)

        // Caught up: used again.
        try fixture.hosts.restart(3, database: live[1])
        func caughtUp(_ replicas: [[String: Any]]) -> Bool {
            replicas.map { $0["state"] as? String ?? "" } == ["up", "up"] && replicas.allSatisfy { $0["behind"] == nil }
        }
        let back = Date().addingTimeInterval(10)
        while Date() < back, try !caughtUp(replicas()) { usleep(100_000) }
        let final = try replicas()
        #expect(caughtUp(final), "\(final)")
    }

    /// One replica frozen (SIGSTOP) while its shard's other replica answers: no request may fail
    /// or wait past its budget. Workers reopened (each poll tick) and kept alive (when idle) the
    /// frozen host's connection, each time waiting the shard timeout, and reconnected it while the
    /// monitor still saw it up: requests failed with `timeout` after waiting 2 s for a worker.
    @Test(.timeLimit(.minutes(3))) func aFrozenReplicaCostsNoRequestWhileItsTwinAnswers() throws {
        let fixture = try ReplicatedShards()
        let daemon = try daemonWithReplicas(fixture)
        let answers = ShardFailureTests.Answers()
        let load = QueryLoad(socket: daemon.socketPath, requests: Self.requests) { answers.record($0) }
        load.start(clients: 2)
        for round in 0..<4 {
            Thread.sleep(forTimeInterval: 1.3)
            let host = 2 + round % 2  // shard-0's replica, then shard-1's
            fixture.hosts.freeze(host)
            Thread.sleep(forTimeInterval: 3)
            fixture.hosts.thaw(host)
            #expect(try waitForReplicas(daemon, "shard-\(host - 2)", ["up", "up"]))
        }
        let report = load.stop()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.answered > 0)
        #expect(answers.all.allSatisfy { $0.missing.isEmpty }, "a shard with a replica answering was missing")
        #expect(answers.all.allSatisfy { $0.tookMs < Self.budgetMs }, "\(answers.all.map(\.tookMs).max() ?? 0) ms")
        #expect(daemon.process.isRunning)
    }

    /// Answer after answer the replicas take turns; every answer ranks as one database does.
    @Test(.timeLimit(.minutes(2))) func replicasRankLikeOneDatabase() throws {
        let fixture = try ReplicatedShards()
        let one = try fixture.one.reader(), replicated = try fixture.reader()
        #expect(replicated.shardCount == 2 && replicated.endpointCount == 4)
        for text in ShardedCorpus.queries {
            var query = SearchQuery(text: text)
            query.limit = 20
            query.snippet = false
            query.facets = [.source, .year]
            let single = try one.search(query)
            for _ in 0..<2 {  // both replicas of each shard
                let sharded = try replicated.search(query)
                #expect(sharded.missingShards.isEmpty, "\(text)")
                #expect(zip(single.hits, sharded.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(text)")
                #expect(ShardedRankingTests.ranked(single) == ShardedRankingTests.ranked(sharded), "\(text)")
                #expect(single.total == sharded.total && single.facets == sharded.facets, "\(text)")
            }
        }
    }

    /// A reader (no monitor) whose replica dies between two searches: the next search moves to
    /// the other replica within the same answer; `get` does too.
    @Test(.timeLimit(.minutes(1))) func aSearchMovesToTheOtherReplicaWhenOneFails() throws {
        let fixture = try ReplicatedShards()
        let reader = try fixture.reader()
        var query = SearchQuery(text: "harbour OR ferry")
        query.snippet = false
        #expect(try reader.search(query).missingShards.isEmpty)
        fixture.hosts.kill(1)
        for _ in 0..<4 {
            let result = try reader.search(query)
            #expect(result.missingShards.isEmpty && !result.hits.isEmpty)
        }
        #expect(!reader.isEndpointOpen(1) && reader.isEndpointOpen(3))
        let ids = (0..<ShardedCorpus.count).map { String(format: "story-%03d", $0) }
        let onOne = try #require(ids.first { ShardRouter(count: 2).shard(of: $0) == 1 })
        #expect(try reader.article(id: onOne).id == onOne)
        fixture.hosts.kill(3)
        #expect(try reader.search(query).missingShards == ["shard-1"])
    }
}
