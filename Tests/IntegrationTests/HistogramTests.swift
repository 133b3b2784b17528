import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `histogram` through the real daemon and `trawl histogram`: exact counts per interval over
/// `TestIndexes.news` (hubs-1 2025-05-15, hubs-2 2025-05-16, an undated hubs article; storm
/// 2024-03-01, markets 2025-06-01, flood 2023-11-20).
@Suite(.ownThreads, .serialized) struct HistogramTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(index: try TestIndexes.indexNews(in: scratch), socket: scratch.path + "/s")
    }

    func histogram(_ fields: [String: Any]) throws -> [String: Any] {
        try Connection(socketPath: daemon.socketPath).requestObject(fields.merging(["op": "histogram"]) { old, _ in old })
    }

    func buckets(_ answer: [String: Any]) -> [String] {
        (answer["buckets"] as? [[String: Any]] ?? []).map { "\($0["start"] as? String ?? "?")=\($0["count"] as? Int ?? -1)" }
    }

    @Test func countsPerDayWithTheUndatedApart() throws {
        let answer = try histogram(["id": 3, "q": "hubs"])
        #expect(answer.isOK && answer["id"] as? Int == 3, "\(answer)")
        #expect(buckets(answer) == ["2025-05-15=1", "2025-05-16=1"])
        #expect(answer["undated"] as? Int == 1)
        let total = answer["total"] as? [String: Any]
        #expect(total?["estimate"] as? Int == 3 && total?["lower"] as? Int == 3 && total?["upper"] as? Int == 3)
        #expect(answer["generation"] as? Int == 1 && answer["took_ms"] as? Double != nil)
    }

    @Test func intervalsIncludeTheEmptyOnes() throws {
        #expect(buckets(try histogram(["q": "hubs", "interval": "week"])) == ["2025-05-12=2"])
        let months = buckets(try histogram(["q": "", "interval": "month"]))
        #expect(months.count == 20 && months.first == "2023-11-01=1" && months.last == "2025-06-01=1", "\(months)")
        #expect(months.contains("2025-05-01=2") && months.contains("2024-12-01=0"))
        #expect(buckets(try histogram(["q": "", "interval": "year"])) == ["2023-01-01=1", "2024-01-01=1", "2025-01-01=3"])
    }

    @Test func theFiltersOfSearchApply() throws {
        #expect(buckets(try histogram(["q": "", "source": "sky", "interval": "year"])) == ["2023-01-01=1", "2024-01-01=0", "2025-01-01=1"])
        #expect(buckets(try histogram(["q": "", "since": "2025-01-01"])).first == "2025-05-15=1")
        let none = try histogram(["q": "zzzyzzzx"])
        #expect(buckets(none).isEmpty && none["undated"] as? Int == 0)
    }

    @Test func badRequestsNameTheField() throws {
        let interval = try histogram(["q": "hubs", "interval": "fortnight"])
        #expect(interval.errorCode == "bad_request" && interval.errorMessage?.hasPrefix("interval") == true, "\(interval)")
        let query = try histogram(["interval": "day"])
        #expect(query.errorCode == "bad_request" && query.errorMessage?.hasPrefix("q") == true)
    }

    @Test func theCLIDrawsBarsAndPrintsJSON() throws {
        let chart = try runTrawl(["histogram", "--interval", "year", "--source", "bbc,sky,itv"], socket: daemon.socketPath)
        #expect(chart.status == 0, "\(chart.stderr)")
        #expect(chart.lines.count == 4, "\(chart.stdout)")
        // The largest count gets the whole width, the others their share.
        #expect(chart.lines[2] == "2025  " + String(repeating: "█", count: 50) + " 3", "\(chart.stdout)")
        #expect(chart.lines[0].hasPrefix("2023  ") && chart.lines[0].hasSuffix(" 1"))
        #expect(chart.lines[3] == "5 articles")
        let json = try runTrawl(["histogram", "--json", "hubs"], socket: daemon.socketPath)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(buckets(object) == ["2025-05-15=1", "2025-05-16=1"] && object["undated"] as? Int == 1, "\(json.stdout)")
        let undated = try runTrawl(["histogram", "hubs"], socket: daemon.socketPath)
        #expect(undated.lines.last == "3 articles, 1 undated (not shown)", "\(undated.stdout)")
        let nothing = try runTrawl(["histogram", "zzzyzzzx"], socket: daemon.socketPath)
        #expect(nothing.status == 1 && nothing.lines == ["0 articles"])
        let relative = try runTrawl(["histogram", "--since", "-1y", "hubs"], socket: daemon.socketPath)
        // Every article is older than a year (the newest is dated 2025-06-01).
        #expect(relative.status == 1 && relative.lines == ["0 articles"], "\(relative.stderr)")
    }

    /// One placeholder date (0001-01-01, 9999-12-31: "unknown" in some feeds) asked for 3.6 million
    /// day buckets: a 120 MB answer, and `trawl histogram` drew nothing for minutes. It is refused
    /// with the dates and what to ask instead; by year, or within dates, it counts.
    @Test func aPlaceholderDateGetsAnErrorSayingWhatToAsk() throws {
        let articles = scratch.path + "/placeholder"
        try FileManager.default.createDirectory(atPath: articles, withIntermediateDirectories: true)
        try """
        {"id":"a","title":"Harbour news","date":"2026-11-30T09:00:00Z","body":"The harbour master logged grain ships."}
        {"id":"b","title":"Minimum date","date":"0001-01-01T00:00:00Z","body":"A content system wrote its minimum date."}
        {"id":"c","title":"Maximum date","date":"9999-12-31T00:00:00Z","body":"A content system wrote its maximum date."}

        """.write(toFile: articles + "/feed.jsonl", atomically: true, encoding: .utf8)
        let index = scratch.path + "/placeholder-index"
        let run = try runIndexer(index: index, articles: articles)
        #expect(run.status == 0, "\(run.stderr)")
        let served = try DaemonProcess(index: index, socket: scratch.path + "/p")
        let answer = try Connection(socketPath: served.socketPath).requestObject(["op": "histogram", "q": ""])
        #expect(answer.errorCode == "bad_query", "\(answer)")
        #expect(answer.errorMessage?.contains("0001-01-01 to 9999-12-31") == true && answer.errorMessage?.contains("year") == true)
        let chart = try runTrawl(["histogram"], socket: served.socketPath)
        #expect(chart.status == 2 && chart.stderr.contains("longer interval"), "\(chart.stderr)")
        let years = try runTrawl(["histogram", "--interval", "year", "--json"], socket: served.socketPath)
        let object = try JSONSerialization.jsonObject(with: Data(years.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(years.status == 0 && buckets(object).count == 9999, "\(years.stderr)")
        let recent = try runTrawl(["histogram", "date:2000..2100"], socket: served.socketPath)
        #expect(recent.status == 0 && recent.lines.last == "1 article", "\(recent.stdout)")
    }
}
