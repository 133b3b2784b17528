import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// An article published late in the evening west of UTC: `date` stays the UTC instant (next
/// day), while `day`, in search hits, `get` and what `trawl` prints, is the day it was published
/// where it was written, the day `date:` finds it under.
@Suite(.ownThreads, .serialized) struct PublishedDayTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        let index = try TestIndexes.index(files: ["feed.jsonl": """
            {"id": "evening-ny", "title": "Late vote", "body": "late vote in new york", "date": "2025-04-09T22:30-04:00"}
            {"id": "undated", "title": "Old vote", "body": "a vote long ago"}
            """], in: scratch)
        daemon = try DaemonProcess(index: index, socket: scratch.path + "/s.sock")
    }

    @Test func hitsAndGetCarryTheLocalDayBesideTheUTCDate() throws {
        let connection = try Connection(socketPath: daemon.socketPath)
        let answer = try connection.requestObject(["op": "search", "q": "vote date:2025-04-09"])
        let hits = answer["hits"] as? [[String: Any]] ?? []
        #expect(hits.count == 1 && hits.first?["id"] as? String == "evening-ny", "\(answer)")
        #expect(hits.first?["day"] as? String == "2025-04-09")
        #expect(hits.first?["date"] as? String == "2025-04-10T02:30:00Z")

        let doc = try connection.requestObject(["op": "get", "article": "evening-ny"])["doc"] as? [String: Any] ?? [:]
        #expect(doc["day"] as? String == "2025-04-09" && doc["date"] as? String == "2025-04-10T02:30:00Z", "\(doc)")
        let undated = try connection.requestObject(["op": "get", "article": "undated"])["doc"] as? [String: Any] ?? [:]
        #expect(undated["id"] as? String == "undated" && undated["day"] == nil && undated["date"] == nil, "\(undated)")
    }

    @Test func theCLIShowsTheLocalDayAndPassesItThroughInJSON() throws {
        let search = try runTrawl(["date:2025-04-09"], socket: daemon.socketPath)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("2025-04-09 · evening-ny"), "\(search.stdout)")
        #expect(!search.stdout.contains("2025-04-10"), "\(search.stdout)")

        let get = try runTrawl(["get", "evening-ny"], socket: daemon.socketPath)
        #expect(get.status == 0 && get.stdout.contains("2025-04-09 · evening-ny"), "\(get.stdout)\(get.stderr)")

        let json = try runTrawl(["--json", "date:2025-04-09"], socket: daemon.socketPath)
        let line = try #require(json.stdout.split(separator: "\n").first)
        let hit = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(hit["day"] as? String == "2025-04-09" && hit["date"] as? String == "2025-04-10T02:30:00Z", "\(line)")
    }
}
