import Foundation
import Testing
import TrawlTestSupport

/// `subscribe` through the real binaries (PROTOCOL Additions; README "Alerts"): a subscriber gets
/// one event per article that newly matches, as it becomes searchable (incremental runs, --watch,
/// rebuilds), not old articles and not non-matches; `since_seq` resumes; `unsubscribe` ends one;
/// a subscriber that never reads is dropped with an error event while other clients are served.
@Suite(.ownThreads) struct SubscribeTests {
    /// Every corpus article mentions the council; this one does not.
    static let otherStory = "Ferry timetable\n\nThe harbour ferry runs every hour from the pier in summer.\n"

    /// A daemon over `count` corpus articles in `shards` shards, and the `--config` that keeps them.
    private struct Served {
        let scratch: Scratch
        let built: ShardedScratchIndex
        let daemon: DaemonProcess

        init(articles count: Int, shards: Int = 1, environment: [String: String] = [:]) throws {
            scratch = try Scratch()
            built = try ShardedScratchIndex(scratch, articles: 0..<count, shards: shards)
            daemon = try DaemonProcess(index: built.index, socket: scratch.path + "/s", environment: environment)
        }

        var corpus: ArticleCorpus { built.corpus }

        /// An incremental run (or a rebuild) of the articles folder, which must succeed.
        func index(rebuild: Bool = false) throws {
            let run = try runIndexer(
                index: built.index, articles: corpus.folder, ["--config", built.config] + (rebuild ? ["--rebuild"] : []))
            #expect(run.status == 0, "\(run.stderr)")
        }

        func subscriber() throws -> RawSocket { try RawSocket(daemon.socketPath) }
    }

    @Test(arguments: [1, 3]) func anIncrementalRunAnnouncesExactlyItsNewMatches(shards: Int) throws {
        let served = try Served(articles: 10, shards: shards)
        let client = try served.subscriber()
        let (subscription, _) = try client.subscribe(#""q":"council""#)
        try served.corpus.write(12..<14)
        try ArticleCorpus.writeFile(served.corpus.folder + "/other.txt", Self.otherStory)
        try served.index()
        let hits = try client.events(2)
        #expect(Set(hits.map(\.id)) == [served.corpus.name(12), served.corpus.name(13)])
        #expect(hits.allSatisfy { $0.subscription == subscription && $0.title?.hasPrefix("Report") == true })
        #expect(hits[0].seq < hits[1].seq)
        // Nothing else was announced: the next event is the next new match.
        try served.corpus.write(14..<15)
        try served.index()
        #expect(try client.events(1).map(\.id) == [served.corpus.name(14)])
    }

    @Test func filesTheWatcherIndexesAreAnnounced() throws {
        let served = try Served(articles: 10)
        let watcher = try WatchingIndexer(index: served.built.index, articles: served.corpus.folder)
        defer { _ = watcher.stop() }
        let client = try served.subscriber()
        try client.subscribe(#""q":"council","source":[],"snippet":false"#)
        let name = served.corpus.name(30)
        try WatchingIndexer.renameIntoPlace(ArticleCorpus.text(30), at: served.corpus.folder + "/" + name)
        let hits = try client.events(1)
        #expect(hits.map(\.id) == [name])
        #expect(hits.first?.snippet == nil)
    }

    @Test func aRebuildAnnouncesOnlyTheArticlesItChanged() throws {
        let served = try Served(articles: 10)
        let client = try served.subscriber()
        try client.subscribe(#""q":"council""#)
        try served.corpus.write(3..<4, revision: 1)
        try served.corpus.write(20..<21)
        try served.index(rebuild: true)
        #expect(Set(try client.events(2).map(\.id)) == [served.corpus.name(3), served.corpus.name(20)])
        try served.corpus.write(21..<22)
        try served.index()
        #expect(try client.events(1).map(\.id) == [served.corpus.name(21)], "nothing announced twice")
    }

    @Test func aSubscriberResumesWithSinceSeqAndThenGetsLiveMatches() throws {
        let served = try Served(articles: 5)
        let first = try served.subscriber()
        let (_, seq) = try first.subscribe(#""q":"council""#)
        first.vanish()
        try served.corpus.write(7..<9)
        try served.index()
        let again = try served.subscriber()
        try again.subscribe(#""q":"council","since_seq":\#(seq)"#)
        let missed = try again.events(2)
        #expect(missed.map(\.id) == [served.corpus.name(7), served.corpus.name(8)])
        #expect(missed[0].seq < missed[1].seq, "in seq order")
        try served.corpus.write(9..<10)
        try served.index()
        #expect(try again.events(1).map(\.id) == [served.corpus.name(9)])
    }

    /// A since_seq past the daemon's counter (a client's number from an index built afresh since)
    /// starts from the counter: it passed over every new article until the counter caught up.
    @Test func aSinceSeqPastTheCounterStartsFromNow() throws {
        let served = try Served(articles: 5)
        let client = try served.subscriber()
        try client.subscribe(#""q":"council","since_seq":999999"#)
        try served.corpus.write(7..<8)
        try served.index()
        #expect(try client.events(1).map(\.id) == [served.corpus.name(7)])
    }

    @Test func unsubscribeEndsOneSubscription() throws {
        let served = try Served(articles: 5)
        let client = try served.subscriber()
        let (ended, _) = try client.subscribe(#""q":"council""#)
        let (kept, _) = try client.subscribe(#""q":"council""#)
        let answer = try client.roundTrip(#"{"id":5,"op":"unsubscribe","subscription":"\#(ended)"}"#)
        #expect(answer["ok"] as? Bool == true && answer["subscription"] as? String == ended)
        let again = try client.roundTrip(#"{"op":"unsubscribe","subscription":"\#(ended)"}"#)
        #expect((again["error"] as? [String: Any])?["code"] as? String == "not_found")
        try served.corpus.write(6..<7)
        try served.index()
        let hits = try client.events(1)
        #expect(hits.map(\.subscription) == [kept])
        // Other requests still work on the connection, and the ended one sent nothing meanwhile.
        let pong = try client.roundTrip(#"{"id":"p","op":"ping"}"#)
        #expect(pong["ok"] as? Bool == true, "\(pong)")
    }

    /// Matching runs on a thread of its own below the workers' priority (nice +10 on Linux), so that
    /// the kernel lets a search preempt it (README "Alerts", cost).
    @Test func theMatcherRunsOnAThreadOfItsOwnAtALowerPriority() throws {
        let served = try Served(articles: 3)
        // The matcher's thread names itself and lowers its priority once it runs, which may be
        // just after the daemon answers: look until it has (at most 30 s).
        var threads = Self.threads(of: served.daemon.pid)
        let deadline = Date().addingTimeInterval(30)
        while !threads.contains(where: { $0.0 == "trawld-matcher" }), Date() < deadline {
            usleep(50_000)
            threads = Self.threads(of: served.daemon.pid)
        }
        let main = try #require(threads.first { $0.0 == "main" }?.1)
        #expect(threads.filter { $0.0 == "trawld-matcher" }.map { $0.1 } == [min(main + 10, 19)], "\(threads)")
    }

    /// The nice value of each of a process's threads, by the thread's name (field 19 of stat);
    /// the main thread is named "main".
    private static func threads(of pid: Int32) -> [(String, Int)] {
        let tasks = "/proc/\(pid)/task"
        return ((try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []).compactMap { task -> (String, Int)? in
            guard let stat = try? String(contentsOfFile: "\(tasks)/\(task)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return (task == "\(pid)" ? "main" : String(stat[stat.index(after: open)..<close]), Int(fields[16]) ?? -99)
        }
    }

    @Test(.timeLimit(.minutes(3))) func aSubscriberThatNeverReadsIsDroppedWhileOthersAreServed() throws {
        let served = try Served(articles: 5, environment: ["TRAWL_LIMITS_SUBSCRIPTION_BACKLOG_BYTES": "4096"])
        let slow = try served.subscriber()
        let (subscription, _) = try slow.subscribe(#""q":"council","highlight":{"pre":"<mark class=\"a-long-marker-class\">","post":"</mark>"}"#)
        // Far more event bytes than the socket and NIO hold for a client that does not read.
        try served.corpus.write(100..<1600)
        try served.index()
        #expect(served.daemon.waitForLog("dropped a subscription", timeout: 60), "\(served.daemon.log.suffix(2000))")
        let other = try served.subscriber()
        let answer = try other.roundTrip(#"{"op":"search","q":"council","limit":1}"#)
        #expect(answer["ok"] as? Bool == true)
        // The slow one finds, after the events that fitted, the error that ended its subscription.
        var hits = 0
        var error: [String: Any]?
        while error == nil, let line = try slow.readAnswer() {
            if line["event"] as? String == "hit" { hits += 1 } else { error = line }
        }
        #expect(hits < 1500)
        #expect(error?["event"] as? String == "error" && error?["subscription"] as? String == subscription)
        #expect((error?["error"] as? [String: Any])?["code"] as? String == "overloaded")
    }
}

/// One `hit` event as the tests check it.
struct HitEvent {
    let subscription: String
    let seq: Int
    let id: String
    let title: String?
    let snippet: String?
}

extension RawSocket {
    /// Subscribes with these request members; the subscription's id and the seq it starts after.
    @discardableResult
    func subscribe(_ members: String) throws -> (String, Int) {
        let answer = try roundTrip(#"{"op":"subscribe",\#(members)}"#)
        guard answer["ok"] as? Bool == true, let id = answer["subscription"] as? String, let seq = answer["seq"] as? Int else {
            throw RawSocketError("subscribe failed: \(answer)")
        }
        return (id, seq)
    }

    /// The next `count` hit events (waiting as long as the socket's read timeout).
    func events(_ count: Int) throws -> [HitEvent] {
        var events: [HitEvent] = []
        while events.count < count {
            guard let line = try readAnswer() else { throw RawSocketError("closed after \(events.count) events") }
            guard line["event"] as? String == "hit", let hit = line["hit"] as? [String: Any] else {
                throw RawSocketError("not a hit event: \(line)")
            }
            events.append(HitEvent(
                subscription: line["subscription"] as? String ?? "", seq: line["seq"] as? Int ?? -1, id: hit["id"] as? String ?? "",
                title: hit["title"] as? String, snippet: hit["snippet"] as? String))
        }
        return events
    }
}
