import Foundation
import Testing
import TrawlClient
import TrawlCore
import TrawlTestSupport

/// One of three shard hosts dies (SIGKILL) or freezes (SIGSTOP) under a small query load: every
/// answer is `ok` and within the time budget, `partial` naming that shard while it is gone, the
/// daemon keeps serving, `hello` shows the shard down then up, and it is used again once back.
/// A listener that never greets costs about `shards.timeout_ms`, not Xapian's 10 s.
/// Short by default; `TRAWL_SOAK=1` runs longer outages, several times.
@Suite(.ownThreads, .serialized, .enabled(if: ShardHosts.available, "needs xapian-tcpsrv (xapian-tools)"))
struct ShardFailureTests {
    static let soak = ProcessInfo.processInfo.environment["TRAWL_SOAK"] == "1"
    static let outage: TimeInterval = soak ? 10 : 1.5
    static let rounds = soak ? 5 : 1
    static let budgetMs = 2000.0

    /// Answers as the clients received them.
    final class Answers: @unchecked Sendable {
        // NOTE: @unchecked is sound: `seen` is only touched under `lock`.
        struct Seen {
            let at: Date
            let missing: [String]
            let tookMs: Double
        }
        private let lock = NSLock()
        private var seen: [Seen] = []

        func record(_ answer: [String: Any]) -> String? {
            let missing = answer["missing_shards"] as? [String] ?? []
            if !missing.isEmpty, answer["partial"] as? Bool != true { return "missing_shards without partial" }
            lock.withLock { seen.append(Seen(at: Date(), missing: missing, tookMs: answer["took_ms"] as? Double ?? 0)) }
            return nil
        }

        func between(_ start: Date, _ end: Date) -> [Seen] { lock.withLock { seen.filter { $0.at > start && $0.at < end } } }
        var all: [Seen] { lock.withLock { seen } }
    }

    private static let requests = [
        #"{"op":"search","q":"harbour OR ferry","limit":5,"snippet":false}"#,
        #"{"op":"count","q":"council"}"#,
        #"{"op":"search","q":"storm","limit":3,"sort":"newest"}"#,
        // A histogram's counts leave a missing shard out too, and say so (it said nothing).
        #"{"op":"histogram","q":"harbour OR ferry","interval":"year"}"#,
    ]

    /// The state `hello` gives shard `name`, waiting up to 10 s for `wanted`.
    private func waitForState(_ daemon: DaemonProcess, _ name: String, _ wanted: String) throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let hello = try daemon.roundTrip(#"{"op":"hello"}"#)
            let shards = hello["shards"] as? [[String: Any]] ?? []
            if shards.first(where: { $0["name"] as? String == name })?["state"] as? String == wanted { return true }
            usleep(100_000)
        }
        return false
    }

    private func outage(
        takeDown: (ShardHosts) -> Void, bringBack: (ShardHosts) throws -> Void
    ) throws {
        let fixture = try RemoteShards()
        let daemon = try DaemonProcess(index: fixture.stubFolder, socket: fixture.three.directory + "/s")
        #expect(try waitForState(daemon, "shard-1", "up"))
        let answers = Answers()
        let load = QueryLoad(socket: daemon.socketPath, requests: Self.requests) { answers.record($0) }
        load.start(clients: 3)
        for _ in 0..<Self.rounds {
            Thread.sleep(forTimeInterval: 0.5)
            let before = Date()
            takeDown(fixture.hosts)
            #expect(try waitForState(daemon, "shard-1", "down"))
            let seenDown = Date()
            Thread.sleep(forTimeInterval: Self.outage)
            let backAt = Date()
            try bringBack(fixture.hosts)
            #expect(try waitForState(daemon, "shard-1", "up"), "\(daemon.log.suffix(3000))")
            let seenUp = Date()
            Thread.sleep(forTimeInterval: 1)

            #expect(answers.between(.distantPast, before).allSatisfy { $0.missing.isEmpty })
            let during = answers.between(seenDown.addingTimeInterval(0.2), backAt)
            #expect(!during.isEmpty && during.allSatisfy { $0.missing == ["shard-1"] }, "\(during.prefix(5))")
            #expect(answers.between(seenUp.addingTimeInterval(0.5), Date()).allSatisfy { $0.missing.isEmpty })
        }
        let report = load.stop()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.answered > 0)
        #expect(answers.all.allSatisfy { $0.tookMs < Self.budgetMs }, "\(answers.all.map(\.tookMs).max() ?? 0) ms")
        #expect(answers.all.contains { !$0.missing.isEmpty })
        #expect(daemon.process.isRunning)
    }

    @Test(.timeLimit(.minutes(3))) func aKilledShardHostGivesPartialAnswersUntilItIsBack() throws {
        try outage(takeDown: { $0.kill(1) }, bringBack: { try $0.restart(1) })
    }

    @Test(.timeLimit(.minutes(3))) func aFrozenShardHostGivesPartialAnswersUntilItThaws() throws {
        try outage(takeDown: { $0.freeze(1) }, bringBack: { $0.thaw(1) })
    }

    @Test(.timeLimit(.minutes(1))) func aHostThatNeverGreetsCostsTheShardTimeoutNotTenSeconds() throws {
        let fixture = try RemoteShards()
        let silent = try SilentListener(address: "127.0.0.9")
        let started = Date()
        let reader = try IndexReader(
            endpoints: [fixture.hosts.endpoints[0], silent.endpoint], timeouts: ShardTimeouts(connectMs: 300, readMs: 500))
        var query = SearchQuery(text: "harbour OR ferry")
        query.snippet = false
        let result = try reader.search(query)
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(result.missingShards == ["shard-1"] && !result.hits.isEmpty)
        #expect(!reader.isEndpointOpen(1) && !reader.endpointError(1).isEmpty)
    }

    /// Hosts move to a new generation one by one (as replicas do): answers stay on the old one,
    /// without the shard whose host moved, until every host serves the new one; then all switch.
    @Test(.timeLimit(.minutes(2))) func aNewGenerationIsServedOnceEveryShardServesIt() throws {
        let fixture = try RemoteShards()
        let daemon = try DaemonProcess(index: fixture.stubFolder, socket: fixture.three.directory + "/s")
        var options = IndexerOptions(indexRoot: fixture.three.index, articlesRoot: fixture.three.articles)
        options.shards = 3
        _ = try Indexer(options: options).run(rebuild: true)
        let next = fixture.three.layout.shardPaths(generation: 2)
        let search = #"{"op":"search","q":"harbour","limit":3,"snippet":false}"#
        func answer(until done: ([String: Any]) -> Bool) throws -> [String: Any] {
            let deadline = Date().addingTimeInterval(10)
            var last: [String: Any] = [:]
            while Date() < deadline {
                last = try daemon.roundTrip(search)
                if done(last) { break }
                usleep(100_000)
            }
            return last
        }

        try fixture.hosts.restart(0, database: next[0])
        let mixed = try answer { $0["missing_shards"] as? [String] == ["shard-0"] }
        #expect(mixed["generation"] as? Int == 1 && mixed["missing_shards"] as? [String] == ["shard-0"], "\(mixed)")
        try fixture.hosts.restart(1, database: next[1])
        try fixture.hosts.restart(2, database: next[2])
        let switched = try answer { $0["generation"] as? Int == 2 && $0["partial"] == nil }
        #expect(switched["generation"] as? Int == 2 && switched["partial"] == nil, "\(switched)")
        #expect((switched["hits"] as? [[String: Any]])?.isEmpty == false)
    }

    /// With every shard host down, a `reload` cannot read which generation the shards serve: it is
    /// unknown, not 0 (`generation` only grows; it said 0 until a second reload after they came back).
    @Test(.timeLimit(.minutes(1))) func aReloadWithEveryShardDownKeepsTheGeneration() throws {
        let fixture = try RemoteShards()
        let daemon = try DaemonProcess(index: fixture.stubFolder, socket: fixture.three.directory + "/s")
        let connection = try Connection(socketPath: daemon.socketPath)
        #expect(try connection.requestObject(["op": "hello"])["generation"] as? Int == 1)
        for n in 0..<3 { fixture.hosts.kill(n) }
        let reloaded = try connection.requestObject(["op": "reload"])
        #expect(reloaded["generation"] as? Int == 1, "\(reloaded)")
        let hello = try connection.requestObject(["op": "hello"])
        #expect(hello["generation"] as? Int == 1, "\(hello)")
        for n in 0..<3 { try fixture.hosts.restart(n) }
        #expect(try waitForState(daemon, "shard-2", "up"))
        #expect(try connection.requestObject(["op": "hello"])["generation"] as? Int == 1)
    }

    /// `get` asks the one shard that holds the id: its host down, that id cannot be had (the others can).
    @Test(.timeLimit(.minutes(1))) func getOfAnIdOnADownShardSaysSoAndOthersStillWork() throws {
        let fixture = try RemoteShards()
        let reader = try fixture.reader()
        let router = ShardRouter(count: 3)
        let ids = (0..<ShardedCorpus.count).map { String(format: "story-%03d", $0) }
        let onOne = try #require(ids.first { router.shard(of: $0) == 1 })
        let onZero = try #require(ids.first { router.shard(of: $0) == 0 })
        #expect(try reader.article(id: onOne).id == onOne)
        fixture.hosts.kill(1)
        #expect { try reader.article(id: onOne) } throws: { error in
            guard case TrawlError.shardUnavailable = error else { return false }
            return true
        }
        #expect(try reader.article(id: onZero).id == onZero)
        let again = #expect(throws: TrawlError.self) { try reader.article(id: onOne) }
        #expect("\(again.map { "\($0)" } ?? "")".contains("shard-1 is down"))
        #expect("\(again.map { "\($0)" } ?? "")".contains("ask again once its host"), "it says what to do")
        #expect(!"\(again.map { "\($0)" } ?? "")".contains("down: ;"), "no empty reason")
    }

    /// tcpsrv drops an idle connection after its idle timeout: the next query reconnects at once
    /// and is whole.
    @Test(.timeLimit(.minutes(1))) func aConnectionDroppedWhileIdleIsOpenedAgain() throws {
        let fixture = try RemoteShards(idleTimeoutMs: 500)
        let reader = try fixture.reader()
        var query = SearchQuery(text: "harbour")
        query.snippet = false
        #expect(try reader.search(query).missingShards.isEmpty)
        Thread.sleep(forTimeInterval: 1.5)
        let again = try reader.search(query)
        #expect(again.missingShards.isEmpty && !again.hits.isEmpty)
    }
}
