import Foundation
import Testing
import TrawlClient
import TrawlProtocol
import TrawlTestSupport

/// Relative days through the real daemon and CLI: `since`/`until` on the wire, `date:` in queries
/// and `trawl --since`, counted from the daemon's today (UTC). The articles are dated relative to
/// the test's today, so the answers do not depend on the day the suite runs.
@Suite(.ownThreads, .serialized) struct RelativeDateTests {
    let scratch: Scratch
    let daemon: DaemonProcess
    let today = CalendarDay.today()
    /// id -> days before today.
    static let ages = ["today": 0, "yesterday": 1, "lastweek": 8, "lastmonth": 40, "lastyear": 400]

    init() throws {
        scratch = try Scratch()
        let lines = Self.ages.map { id, age in
            let date = CalendarDay.today().adding(days: -age).wire
            return #"{"id":"\#(id)","title":"Return hubs","body":"Return hubs were discussed.","date":"\#(date)T12:00:00Z"}"#
        }
        let index = try TestIndexes.index(files: ["dated.jsonl": lines.joined(separator: "\n") + "\n"], in: scratch)
        daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
    }

    func ids(_ fields: [String: Any]) throws -> Set<String> {
        let answer = try Connection(socketPath: daemon.socketPath).requestObject(fields.merging(["op": "search"]) { old, _ in old })
        #expect(answer.isOK, "\(fields): \(answer)")
        return Set((answer["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
    }

    @Test func sinceAndUntilOnTheWire() throws {
        #expect(try ids(["q": "hubs", "since": "-7d"]) == ["today", "yesterday"])
        #expect(try ids(["q": "hubs", "since": "yesterday", "until": "yesterday"]) == ["yesterday"])
        #expect(try ids(["q": "hubs", "since": "today"]) == ["today"])
        #expect(try ids(["q": "hubs", "since": "-2w"]) == ["today", "yesterday", "lastweek"])
        #expect(try ids(["q": "hubs", "since": "-3m", "until": "-1w"]) == ["lastweek", "lastmonth"])
        #expect(try ids(["q": "hubs", "until": "-1y"]) == ["lastyear"])
    }

    @Test func datesInTheQueryLanguage() throws {
        #expect(try ids(["q": "hubs date:yesterday"]) == ["yesterday"])
        #expect(try ids(["q": "hubs date:-7d.."]) == ["today", "yesterday"])
        #expect(try ids(["q": "hubs date:..-2m"]) == ["lastyear"])
    }

    @Test func badFormsSayWhatToWrite() throws {
        let connection = try Connection(socketPath: daemon.socketPath)
        let bad = try connection.requestObject(["op": "search", "q": "hubs", "since": "-7days"])
        #expect(bad.errorCode == "bad_request")
        #expect(bad.errorMessage?.hasPrefix("since") == true && bad.errorMessage?.contains("-7d") == true, "\(bad)")
        let reversed = try connection.requestObject(["op": "count", "q": "hubs", "since": "today", "until": "-1d"])
        #expect(reversed.errorCode == "bad_request" && reversed.errorMessage?.hasPrefix("since") == true)
        let query = try connection.requestObject(["op": "search", "q": "date:-7x.."])
        #expect(query.errorCode == "bad_query" && query.errorMessage?.contains("-7d") == true, "\(query)")
    }

    @Test func theCLITakesRelativeDays() throws {
        let recent = try runTrawl(["--ids", "--since", "-3m", "hubs"], socket: daemon.socketPath)
        #expect(recent.status == 0, "\(recent.stderr)")
        #expect(Set(recent.lines) == ["today", "yesterday", "lastweek", "lastmonth"])
        let old = try runTrawl(["--ids", "--until", "-1y", "hubs"], socket: daemon.socketPath)
        #expect(old.lines == ["lastyear"])
        let query = try runTrawl(["--ids", "hubs", "date:yesterday"], socket: daemon.socketPath)
        #expect(query.lines == ["yesterday"])
        let bad = try runTrawl(["--since", "-3 months", "hubs"], socket: daemon.socketPath)
        #expect(bad.status == 2 && bad.stderr.contains("-3m"), "\(bad.stderr)")
    }
}
