import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `trawl-index` through the real binary: one bad line of a `.jsonl` costs only that line (exit
/// status 1, the line and column named), warnings are printed but are no failure, and the daemon
/// serves each article as written.
@Suite(.ownThreads, .serialized) struct IndexerArticleFilesTests {
    @Test(.timeLimit(.minutes(2))) func badLineIsNamedTheRestServedAsWritten() throws {
        let scratch = try Scratch()
        let folder = scratch.path + "/articles"
        let feed = [
            #"{"id": "w1", "title": "Canada\u2019s \u201Cwombat\u201D plan", "body": "The wombat plan \u2014 first."}"#,
            #"{"id": "w2", "title": "Broken", "body": "cut off"#,
            #"{"id": "w3", "title": "Third", "body": "Another wombat story."}"#,
        ].joined(separator: "\n") + "\n"
        try scratch.writeBytes(Array(feed.utf8), to: "articles/feed.jsonl")
        try scratch.writeBytes(Array("---\ntitle: Open\n\nA wombat in Markdown.\n".utf8), to: "articles/open.md")
        let index = scratch.path + "/index"

        let first = try runIndexer(index: index, articles: folder, timeout: 60)
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.count("added") == 3 && first.count("failed") == 1 && first.count("documents") == 3)
        #expect(first.failures == ["feed.jsonl": "line 2, column 49: not valid JSON (unterminated string); check the syntax"])
        #expect(first.stderr.contains("trawl-index: feed.jsonl: line 2, column 49: not valid JSON"))
        #expect(first.stderr.contains("trawl-index: open.md: warning: the front matter opened by --- on line 1 is never closed"))

        // Every run says the same until the line is fixed, and rewrites nothing.
        let again = try runIndexer(index: index, articles: folder, timeout: 60)
        #expect(again.status == 1)
        #expect(again.count("added") == 0 && again.count("updated") == 0 && again.count("unchanged") == 3)

        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let connection = try Connection(socketPath: daemon.socketPath)
        let found = try connection.requestObject(["op": "search", "q": "wombat", "snippet": false])
        let ids = ((found["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        #expect(ids.sorted() == ["open.md", "w1", "w3"], "\(found)")
        let article = try connection.requestObject(["op": "get", "article": "w1"])["doc"] as? [String: Any]
        #expect(article?["title"] as? String == "Canada\u{2019}s \u{201C}wombat\u{201D} plan")
        #expect(article?["body"] as? String == "The wombat plan \u{2014} first.")
        let straight = try connection.requestObject(["op": "search", "q": "\"canada's wombat plan\"", "snippet": false])
        #expect((straight["hits"] as? [[String: Any]])?.first?["id"] as? String == "w1")
    }

    @Test(.timeLimit(.minutes(1))) func aTimeZoneThatIsNoneIsRefusedAtStart() throws {
        let scratch = try Scratch()
        let folder = try scratch.seedArticles()
        var environment = ProcessInfo.processInfo.environment
        environment["TRAWL_INDEXING_TIMEZONE"] = "Europe/Lodnon"
        let run = try runProgramUntil(
            Binaries.path("trawl-index"), ["--index", scratch.path + "/index", folder], timeout: 30, environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("TRAWL_INDEXING_TIMEZONE"), "\(run.stderr)")
        #expect(run.stderr.contains("\"Europe/Lodnon\" is not a time zone; use an IANA name"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/index"))
    }
}
