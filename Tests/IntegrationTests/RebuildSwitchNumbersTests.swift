import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// Change numbers across a `--rebuild`'s switch, through the real binaries (docs/SCHEMA.md,
/// "Change numbers"): while the rebuild builds, the live generation goes on numbering (an
/// incremental run, trawld's `put`), and the switch must neither announce again an article a
/// subscriber already heard of, nor hide a new one below the number the subscriber has seen.
/// Each test checks that its step really happened between the build's scan and the switch, and
/// fails saying so when the timing did not work out, rather than passing without showing anything.
@Suite(.ownThreads, .serialized) struct RebuildSwitchNumbersTests {
    /// With 30 paragraphs each, enough that a one-writer rebuild builds for seconds.
    static let corpusSize = 1000

    /// Files N1 and N2 land unindexed; the rebuild scans and reads them first (numbering N1, N2
    /// after the live counter); then N1 is deleted and an incremental run indexes N2 into the live
    /// generation (as the number after the live counter: N1's in the build), where the subscriber
    /// hears of it. After the switch, neither the subscriber nor a `since_seq` resume from N2's
    /// number is told of N2 again: the next event is the next new article.
    @Test(.timeLimit(.minutes(5)), arguments: [1, 3])
    func anArticleTheLiveGenerationNumberedDuringTheBuildIsNotAnnouncedAgain(shards: Int) throws {
        let setUp = try SlowRebuildIndex(articles: Self.corpusSize, shards: shards)
        let client = try RawSocket(setUp.daemon.socketPath)
        let (_, startSeq) = try client.subscribe(#""q":"council","snippet":false"#)
        // Named before every corpus file, so that the build (one writer, in path order) reads them first.
        let news = ArticleCorpus(folder: setUp.corpus.folder, prefix: "0")
        let (n1, n2, n3) = (news.name(1), news.name(2), news.name(3))
        try news.write(1..<3)

        // The scan only lists files: the first close of N1 after reading it is the build's read.
        let readOfN1 = try FileReads(of: news.folder + "/" + n1)
        let rebuild = try setUp.startRebuild()
        try #require(readOfN1.wait(seconds: 120), "the build did not read N1 within 120 s")
        try FileManager.default.removeItem(atPath: news.folder + "/" + n1)
        let update = try setUp.runIncremental()
        try #require(
            update.status == 0 && update.count("generation") == 1 && update.count("added") == 1,
            "the incremental run must index N2 alone into the live generation before the switch: \(update.summary) \(update.stderr)")
        let heard = try client.events(1)
        try #require(heard.map(\.id) == [n2] && heard[0].seq == startSeq + 1)
        try #require(setUp.liveGeneration() == 1, "the subscriber must hear of N2 before the switch: make the build slower")
        let rebuilt = try rebuild.finish()
        try #require(
            rebuilt.status == 0 && rebuilt.count("generation") == 2 && rebuilt.failures.isEmpty,
            "the build must read N1 before it is deleted: \(rebuilt.summary) \(rebuilt.stderr)")
        let catchup = rebuilt.summary["catchup"] as? [String: Int] ?? [:]
        try #require((catchup["files"] ?? 0) >= 1, "N1 must be deleted before the catch-up: \(catchup)")

        try news.write(3..<4)
        #expect(try setUp.runIncremental().status == 0)
        let next = try client.events(until: n3)
        #expect(next == [n3], "N2 was heard at \(heard[0].seq) before the switch")
        let resumed = try RawSocket(setUp.daemon.socketPath)
        try resumed.subscribe(#""q":"council","snippet":false,"since_seq":\#(heard[0].seq)"#)
        let missed = try resumed.events(until: n3)
        #expect(missed == [n3], "resumed after N2's number \(heard[0].seq)")
    }

    /// File N1 lands unindexed; the rebuild scans it (numbering it after the live counter); trawld's
    /// `put` takes that very number in the live generation, and the subscriber hears of the put.
    /// After the switch the subscriber still hears of N1, before the next new article.
    @Test(.timeLimit(.minutes(5)), arguments: [1, 3])
    func anArticleTheBuildNumberedAtOrBelowTheLiveCounterIsStillAnnounced(shards: Int) throws {
        let setUp = try SlowRebuildIndex(articles: Self.corpusSize, shards: shards, writable: true)
        let client = try RawSocket(setUp.daemon.socketPath)
        try client.subscribe(#""q":"council","snippet":false"#)
        let (n1, n3) = (setUp.corpus.name(5000), setUp.corpus.name(5002))
        try setUp.corpus.write(5000..<5001)

        let rebuild = try setUp.startRebuild()
        let put = try Connection(socketPath: setUp.daemon.socketPath).put(PushedIndex.article("wire/1", marker: "pushedmarker"), wait: true)
        try #require(put["ok"] as? Bool == true, "\(put)")
        let heard = try client.events(1)
        try #require(heard.map(\.id) == ["wire/1"])
        try #require(setUp.liveGeneration() == 1, "the put must be heard of before the switch: make the build slower")
        let rebuilt = try rebuild.finish()
        try #require(rebuilt.status == 0 && rebuilt.count("generation") == 2, "\(rebuilt.summary) \(rebuilt.stderr)")

        try setUp.corpus.write(5002..<5003)
        #expect(try setUp.runIncremental().status == 0)
        let next = try client.events(until: n3)
        #expect(next == [n1, n3], "the put was heard at \(heard[0].seq) before the switch")
    }
}

/// A corpus of long articles, indexed as `shards` shards, served by trawld (letting this user
/// write when `writable`), whose rebuild with one writer takes seconds.
private struct SlowRebuildIndex {
    let scratch: Scratch
    let corpus: ArticleCorpus
    let index: String
    let config: String
    let daemon: DaemonProcess

    init(articles count: Int, shards: Int, writable: Bool = false) throws {
        scratch = try Scratch()
        corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<count, paragraphs: 30)
        index = scratch.path + "/index"
        config = try scratch.write("indexing:\n  shards: \(shards)\n", to: "trawl.yaml")
        _ = try TestIndexes.build(articles: corpus.folder, index: index, extra: ["--config", config, "--rebuild"])
        let environment = writable ? ["TRAWL_SOCKET_WRITE_UIDS": "\(getuid())", "TRAWL_ARTICLES_ROOT": corpus.folder] : [:]
        daemon = try DaemonProcess(
            index: index, socket: scratch.path + "/s", extraArguments: ["--config", config], environment: environment)
    }

    /// An incremental run to the end.
    func runIncremental() throws -> IndexerRun { try runIndexer(index: index, articles: corpus.folder, ["--config", config]) }

    /// A `--rebuild` with one writer, started in the background; returns once its scan is done
    /// (its writers' folder exists), so that what lands from now on is not in its build.
    func startRebuild() throws -> BackgroundRebuild {
        let rebuild = try BackgroundRebuild(index: index, articles: corpus.folder, ["--config", config, "--writers", "1"])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: index + "/gen-2.shards") {
            guard Date() < deadline, rebuild.program.process.isRunning else {
                throw ProgramRunError(description: "the rebuild did not start building: \(rebuild.program.written.stderr)")
            }
            usleep(10_000)
        }
        return rebuild
    }

    /// The live generation's number, from `current` ("auto gen-N" or its shards' lines).
    func liveGeneration() -> Int? {
        guard let stub = try? String(contentsOfFile: index + "/current", encoding: .utf8),
            let range = stub.range(of: #"gen-[0-9]+"#, options: .regularExpression)
        else { return nil }
        return Int(stub[range].dropFirst(4))
    }
}

/// `trawl-index --json --rebuild`, running in the background.
private struct BackgroundRebuild {
    let program: StartedProgram

    init(index: String, articles: String, _ extra: [String]) throws {
        program = try StartedProgram(Binaries.path("trawl-index"), ["--json", "--index", index, "--rebuild"] + extra + [articles])
    }

    /// Waits for its end (at most 4 minutes); its summary.
    func finish() throws -> IndexerRun {
        let deadline = Date().addingTimeInterval(240)
        while program.process.isRunning {
            if Date() > deadline {
                program.kill()
                throw ProgramRunError(description: "the rebuild still ran after 240 s")
            }
            usleep(10_000)
        }
        let run = program.finish()
        let summary = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
        return IndexerRun(status: run.status, summary: summary, stderr: run.stderr)
    }
}

/// Reads of one file by any process (inotify: closed after reading), from when this is made.
private final class FileReads {
    private let fd: Int32

    init(of path: String) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0, inotify_add_watch(fd, path, UInt32(IN_CLOSE_NOWRITE)) >= 0 else {
            throw ProgramRunError(description: "cannot watch \(path): errno \(errno)")
        }
    }

    deinit { close(fd) }

    /// Whether the file was read (and closed) before now or within `seconds`.
    func wait(seconds: Int32) -> Bool {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&ready, 1, seconds * 1000) == 1
    }
}

extension RawSocket {
    /// The ids of the hit events up to and including the one for `id` (at most 20).
    func events(until id: String) throws -> [String] {
        var ids: [String] = []
        while ids.last != id, ids.count < 20 { ids += try events(1).map(\.id) }
        return ids
    }
}
