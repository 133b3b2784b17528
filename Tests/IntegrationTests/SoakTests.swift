import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// 64 clients query trawld without pause while `trawl-index --rebuild` runs five times in a row:
/// no query fails, each connection sees `generation` only move forward, every generation is
/// served, and the daemon's memory stays flat. Prints throughput and latency for the record.
/// The default run is short (a small corpus, ~15 s); `TRAWL_SOAK=1` soaks (a larger corpus,
/// queries before and after the rebuilds, ~2 minutes).
@Suite(.ownThreads, .serialized) struct SoakTests {
    static let soak = ProcessInfo.processInfo.environment["TRAWL_SOAK"] == "1"
    static let clients = 64
    static let rebuilds = 5

    @Test(.timeLimit(.minutes(20))) func sixtyFourClientsThroughFiveRebuilds() throws {
        let articles = Self.soak ? 6000 : 400
        let scratch = try Scratch()
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<articles, paragraphs: 4)
        let index = scratch.path + "/index"
        #expect(try runIndexer(index: index, articles: corpus.folder).status == 0)
        // 64 clients on 2 workers queue for seconds when the machine is busy: a query that waits
        // past the default 2 s budget is answered `timeout`, which is right but not what this
        // test is about (switches), so only a hang may use up the budget here.
        let daemon = try DaemonProcess(
            index: index, socket: scratch.path + "/s", environment: ["TRAWL_LIMITS_QUERY_TIME_BUDGET_MS": "60000"])

        let requests = [
            #"{"op":"search","q":"council budget","limit":10}"#,
            #"{"op":"search","q":"\"new housing\"","limit":5,"facets":["source"]}"#,
            #"{"op":"count","q":"transport OR schools"}"#,
            #"{"op":"search","q":"marker000042x","snippet":false}"#,
            #"{"op":"get","article":"\#(corpus.name(7))"}"#,
            #"{"op":"search","q":"consult*","limit":20,"sort":"newest"}"#,
        ]
        let load = QueryLoad(socket: daemon.socketPath, requests: requests) { answer in
            if let total = answer.total, total != articles, total != 1 { return "\(total) matches, expected \(articles)" }
            if let hits = answer["hits"] as? [Any], hits.isEmpty { return "no hits" }
            return nil
        }
        load.start(clients: Self.clients)
        sleep(Self.soak ? 20 : 1)  // warm up: every worker and connection has allocated what it needs
        let before = try #require(daemon.residentKilobytes, "trawld is gone; its log ends: \(daemon.log.suffix(3000))")

        var seconds: [Double] = []
        for round in 1...Self.rebuilds {
            let started = Date()
            let rebuilt = try runIndexer(index: index, articles: corpus.folder, ["--rebuild"], timeout: 600)
            seconds.append(Date().timeIntervalSince(started))
            #expect(rebuilt.status == 0, "rebuild \(round): \(rebuilt.stderr)")
            #expect(load.progress.failures == 0, "failures by rebuild \(round)")
        }
        let last = 1 + Self.rebuilds
        let switched = Date()
        while load.progress.latestGeneration < last, Date().timeIntervalSince(switched) < 5 { usleep(20_000) }
        sleep(Self.soak ? 20 : 1)
        let after = try #require(daemon.residentKilobytes, "trawld is gone; its log ends: \(daemon.log.suffix(3000))")
        let report = load.stop()

        let times = seconds.map { String(format: "%.1f", $0) }.joined(separator: ", ")
        print("soak: \(Self.clients) clients, \(articles) articles, \(Self.rebuilds) rebuilds (\(times) s)")
        print("soak: \(report.line)")
        print("soak: daemon RSS \(before / 1024) MB after warm-up, \(after / 1024) MB at the end")
        #expect(report.failureCount == 0, "\(report.failures)")
        #expect(report.generations == Set(1...last), "generations served: \(report.generations.sorted())")
        #expect(report.answered > Self.clients * 10)
        // Flat: five switches may leave allocator slack, but not a copy of the index per switch.
        #expect(after - before < 24 * 1024, "RSS grew from \(before) kB to \(after) kB")
        let stats = try daemon.roundTrip(#"{"op":"stats"}"#)
        #expect(stats["generation"] as? Int == last && stats["documents"] as? Int == articles)
    }
}
