import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `put` through the real binaries: a put answered with `wait` is found by the next search and
/// `get` gives its fields back; without `wait` it is found soon after; a put of the same id
/// replaces it; it survives `kill -9` of trawld (and of a running watcher) right after the
/// answer, and a `--rebuild`, under the same id; 16 concurrent writers are all answered and all
/// found; a watcher on the same root neither duplicates it nor fails on the lock; sharded indexes too.
@Suite(.ownThreads, .serialized) struct PutTests {
    @Test(.timeLimit(.minutes(2))) func putWithWaitIsFoundByTheNextSearchWithItsFields() throws {
        let setUp = try PushedIndex(articles: 3)
        let connection = try setUp.connect()
        let article = PushedIndex.article("wire/1", marker: "pushedmarkerone")
        let answer = try connection.put(article, wait: true)
        #expect(answer.isOK && answer["article"] as? String == "wire/1" && answer["seq"] is Int, "\(answer)")
        #expect(try connection.exactMatches("pushedmarkerone") == ["wire/1"])
        let doc = try #require(try connection.requestObject(["op": "get", "article": "wire/1"])["doc"] as? [String: Any])
        for key in ["title", "url", "source", "byline"] { #expect(doc[key] as? String == article[key] as? String, "\(key)") }
        #expect(doc["date"] as? String == "2026-11-30T08:15:00Z")
        #expect(FileManager.default.fileExists(atPath: setUp.ingestFolder + "/wire%2F1.json"))

        // The same id again replaces it.
        #expect(try connection.put(PushedIndex.article("wire/1", marker: "pushedmarkertwo"), wait: true).isOK)
        #expect(try connection.exactMatches("pushedmarkertwo") == ["wire/1"])
        #expect(try connection.exactMatches("pushedmarkerone").isEmpty)
    }

    /// Requests pipelined after a `put` or `delete` with `wait` see it: requests of a connection are
    /// worked on concurrently, and a `get` sent right behind a put ran before the put was done
    /// (`not_found`, and a count of 0); now nothing starts before a write sent before it is done.
    @Test(.timeLimit(.minutes(2))) func requestsPipelinedAfterAWriteSeeIt() throws {
        let setUp = try PushedIndex(articles: 3)
        let socket = try RawSocket(setUp.daemon.socketPath)
        let article = String(decoding: try JSONSerialization.data(withJSONObject: PushedIndex.article("pipe/0", marker: "pipelinedmarker")), as: UTF8.self)
        try socket.send(
            #"{"op":"put","article":\#(article),"wait":true}"# + "\n" + #"{"op":"get","article":"pipe/0"}"# + "\n"
                + #"{"op":"count","q":"pipelinedmarker"}"# + "\n" + #"{"op":"delete","article":"pipe/0","wait":true}"# + "\n"
                + #"{"op":"get","article":"pipe/0"}"# + "\n")
        let answers = try (0..<5).map { _ in try #require(try socket.readAnswer()) }
        #expect(answers[0].isOK, "\(answers[0])")
        #expect((answers[1]["doc"] as? [String: Any])?["id"] as? String == "pipe/0", "\(answers[1])")
        #expect((answers[2]["total"] as? [String: Any])?["estimate"] as? Int == 1, "\(answers[2])")
        #expect(answers[3]["deleted"] as? Bool == true, "\(answers[3])")
        #expect(answers[4].errorCode == "not_found", "\(answers[4])")
    }

    @Test(.timeLimit(.minutes(2))) func putWithoutWaitIsFoundSoonAfter() throws {
        let setUp = try PushedIndex(articles: 3)
        let connection = try setUp.connect()
        #expect(try connection.put(PushedIndex.article("wire/2", marker: "pushedmarkernowait")).isOK)
        #expect(try connection.waitForMatches("pushedmarkernowait", ["wire/2"]) != nil)
    }

    @Test(.timeLimit(.minutes(2))) func aPutSurvivesKill9OfTrawldAndOfTheWatcherRightAfterTheAnswer() throws {
        let setUp = try PushedIndex(articles: 3)
        let watcher = try WatchingIndexer(index: setUp.index, articles: setUp.corpus.folder, ["--config", setUp.config])
        let connection = try setUp.connect()
        #expect(try connection.put(PushedIndex.article("wire/kill", marker: "pushedmarkerkill")).isOK)
        kill(setUp.daemon.pid, SIGKILL)
        watcher.program.kill()
        setUp.daemon.process.waitUntilExit()
        // A temporary file a killed trawld could leave mid-write goes at the next start.
        let leftover = setUp.ingestFolder + "/.wire%2Fhalf.json.tmp"
        try "{\"id\":".write(toFile: leftover, atomically: false, encoding: .utf8)
        try setUp.restart()
        #expect(try setUp.connect().waitForMatches("pushedmarkerkill", ["wire/kill"]) != nil)
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }

    @Test(.timeLimit(.minutes(2))) func aRebuildFindsAPushedArticleAgainUnderItsId() throws {
        let setUp = try PushedIndex(articles: 3)
        let connection = try setUp.connect()
        let id = "https://wire.example/2026/11/30/story?id=7 #1"
        let article = PushedIndex.article(id, marker: "pushedmarkerrebuild")
        #expect(try connection.put(article, wait: true).isOK)
        let rebuilt = try runIndexer(index: setUp.index, articles: setUp.corpus.folder, ["--config", setUp.config, "--rebuild"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let served = try IndexInspection.servedIDs(socket: setUp.daemon.socketPath, generation: rebuilt.count("generation"))
        #expect(served.ids.sorted() == ([id] + (0..<3).map(setUp.corpus.name)).sorted())
        let doc = try #require(try connection.requestObject(["op": "get", "article": id])["doc"] as? [String: Any])
        for key in ["title", "url", "source", "byline"] { #expect(doc[key] as? String == article[key] as? String, "\(key)") }
        #expect(doc["body"] as? String == article["body"] as? String)
    }

    @Test(.timeLimit(.minutes(3))) func sixteenConcurrentWritersAreAllAnsweredAndAllFound() throws {
        let setUp = try PushedIndex(articles: 3)
        let answers = AnswerLog()
        let socket = setUp.daemon.socketPath
        let writers = (0..<16).map { writer in
            Thread {
                guard let connection = try? Connection(socketPath: socket) else { return answers.record("writer \(writer): no connection") }
                for number in 0..<5 {
                    let id = "w\(writer)/\(number)"
                    let answer = try? connection.put(PushedIndex.article(id, marker: "pushedmarker\(writer)x\(number)"))
                    answers.record(answer?.isOK == true ? nil : "\(id): \(answer ?? [:])")
                }
            }
        }
        writers.forEach { $0.start() }
        #expect(answers.wait(for: 80, timeout: 100), "answers: \(answers.count)")
        #expect(answers.failures.isEmpty, "\(answers.failures)")
        let served = try IndexInspection.servedIDs(socket: setUp.daemon.socketPath, documents: 83)
        #expect(served.ids.count == 83 && IndexInspection.duplicates(served.ids).isEmpty)
    }

    @Test(.timeLimit(.minutes(2))) func aPutWhileTheWatcherRunsOnTheSameRootIsIndexedOnce() throws {
        let setUp = try PushedIndex(articles: 3)
        let watcher = try WatchingIndexer(index: setUp.index, articles: setUp.corpus.folder, ["--config", setUp.config])
        let connection = try setUp.connect()
        // The watcher's first pass is over once a file written now is found.
        try setUp.corpus.write(5..<6)
        #expect(try connection.waitForMatches(ArticleCorpus.marker(5), [setUp.corpus.name(5)]) != nil)
        for number in 0..<10 {
            let answer = try connection.put(PushedIndex.article("live/\(number)", marker: "pushedmarkerlive\(number)"), wait: true)
            #expect(answer.isOK, "\(answer)")
            try setUp.corpus.write((10 + number)..<(11 + number))  // the watcher has work of its own meanwhile
        }
        #expect(try connection.waitForMatches(ArticleCorpus.marker(19), [setUp.corpus.name(19)]) != nil)
        let ended = watcher.stop()
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(!ended.stderr.contains("lock") && !ended.stdout.contains("locked"), "\(ended.stdout)\(ended.stderr)")
        let served = try IndexInspection.servedIDs(socket: setUp.daemon.socketPath, documents: 24)
        #expect(served.ids.count == 24 && IndexInspection.duplicates(served.ids).isEmpty, "\(served.ids)")
    }

    @Test(.timeLimit(.minutes(2))) func aShardedIndexTakesPutsAndDeletes() throws {
        let setUp = try PushedIndex(articles: 6, shards: 3)
        let connection = try setUp.connect()
        for number in 0..<6 {
            #expect(try connection.put(PushedIndex.article("s/\(number)", marker: "pushedmarkershard\(number)"), wait: true).isOK)
            #expect(try connection.exactMatches("pushedmarkershard\(number)") == ["s/\(number)"])
        }
        #expect(try connection.delete("s/3")["deleted"] as? Bool == true)
        #expect(try connection.exactMatches("pushedmarkershard3").isEmpty)
        let served = try IndexInspection.servedIDs(socket: setUp.daemon.socketPath, documents: 11)
        #expect(served.ids.count == 11 && IndexInspection.duplicates(served.ids).isEmpty)
    }

    /// A put reaches a subscriber as an event carrying the seq the put answered; a put of another
    /// subject does not; a delete is not announced, and neither is a put of unchanged content.
    @Test(.timeLimit(.minutes(2))) func aPutIsAnnouncedToSubscribersWithItsSeq() throws {
        let setUp = try PushedIndex(articles: 3)
        let subscriber = try RawSocket(setUp.daemon.socketPath)
        let (subscription, _) = try subscriber.subscribe(#""q":"pushedmarkeralert""#)
        let writer = try setUp.connect()
        let article = PushedIndex.article("wire/alert", marker: "pushedmarkeralert")
        #expect(try writer.put(PushedIndex.article("wire/other", marker: "pushedmarkerother"), wait: true).isOK)
        let answer = try writer.put(article, wait: true)
        let seq = try #require(answer["seq"] as? Int, "\(answer)")
        let first = try subscriber.events(1)
        #expect(first.map(\.id) == ["wire/alert"] && first[0].subscription == subscription)
        #expect(first[0].seq == seq, "the event's seq is the one the put answered")
        // Unchanged content, then a delete: neither is news. The next event is the next new match.
        #expect(try writer.put(article, wait: true).isOK)
        #expect(try writer.delete("wire/alert")["deleted"] as? Bool == true)
        #expect(try writer.put(PushedIndex.article("wire/alert2", marker: "pushedmarkeralert"), wait: true).isOK)
        #expect(try subscriber.events(1).map(\.id) == ["wire/alert2"])
    }
}

/// Answers gathered from writer threads: how many came, and the ones that failed.
final class AnswerLog: @unchecked Sendable {
    private let condition = NSCondition()
    private var answered = 0
    private var failed: [String] = []

    func record(_ failure: String?) {
        condition.withLock {
            answered += 1
            if let failure { failed.append(failure) }
            condition.broadcast()
        }
    }

    var count: Int { condition.withLock { answered } }
    var failures: [String] { condition.withLock { failed } }

    func wait(for expected: Int, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while answered < expected { guard condition.wait(until: deadline) else { return false } }
            return true
        }
    }
}
