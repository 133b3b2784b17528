import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Alerts over remote shards whose hosts do not all hold the latest changes yet (a replica that
/// lags in replication, a host serving an older copy): the matcher matched up to the change number
/// of the first shard, and the articles of the shard that lagged were never announced (11 of 30
/// while one shard's replication was paused). It now waits until every shard holds a change.
@Suite(.ownThreads, .serialized, .enabled(if: ShardHosts.available, "needs xapian-tcpsrv (xapian-tools)"))
struct ShardAlertsTests {
    /// Waits up to 10 s for `hello` to give shard `name` the state `wanted`.
    func waitForState(_ daemon: DaemonProcess, _ name: String, _ wanted: String) throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let shards = try daemon.roundTrip(#"{"op":"hello"}"#)["shards"] as? [[String: Any]] ?? []
            if shards.first(where: { $0["name"] as? String == name })?["state"] as? String == wanted { return true }
            usleep(100_000)
        }
        return false
    }

    @Test(.timeLimit(.minutes(2))) func aShardThatLagsHoldsAlertsBackAndLosesNone() throws {
        let fixture = try RemoteShards()
        let daemon = try DaemonProcess(index: fixture.stubFolder, socket: fixture.three.directory + "/s")
        let live = fixture.three.layout.shardPaths(generation: 1)
        // shard-1's host serves a copy taken now: it lags behind the changes written next.
        let lagging = fixture.three.directory + "/lagging-shard-1"
        try FileManager.default.copyItem(atPath: live[1], toPath: lagging)
        try fixture.hosts.restart(1, database: lagging)
        #expect(try waitForState(daemon, "shard-1", "up"))
        let client = try RawSocket(daemon.socketPath, timeout: 3)
        try client.subscribe(#""q":"zebrafish""#)

        // Three new articles on shard-1, three on the others.
        let router = ShardRouter(count: 3)
        let candidates = (0..<200).map { "alert-\($0)" }
        let ids = Array(candidates.filter { router.shard(of: $0) == 1 }.prefix(3) + candidates.filter { router.shard(of: $0) != 1 }.prefix(3))
        for id in ids {
            try fixture.three.write(article: [
                "id": id, "title": "Zebrafish \(id)", "body": "Zebrafish were counted in the harbour survey \(id).",
                "date": "2025-06-01T10:00:00Z",
            ])
        }
        var options = IndexerOptions(indexRoot: fixture.three.index, articlesRoot: fixture.three.articles)
        options.shards = 3
        #expect(try Indexer(options: options).run(rebuild: false).added == 6)

        // Nothing is announced while a shard lacks the changes (six matcher rounds and more).
        #expect(throws: (any Error).self) { try client.events(1) }
        // The host catches up: every article is announced, once (the matcher runs at a low
        // priority: on a busy machine the events may take seconds).
        try fixture.hosts.restart(1, database: live[1])
        client.setReadTimeout(30)
        let events = try client.events(6)
        #expect(Set(events.map(\.id)) == Set(ids), "\(events.map(\.id))")
        client.setReadTimeout(3)
        #expect(throws: (any Error).self) { try client.events(1) }
    }
}
