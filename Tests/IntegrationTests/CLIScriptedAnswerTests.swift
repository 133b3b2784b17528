import Foundation
import Testing
import TrawlTestSupport

/// What `trawl` sends, and how it prints answers the seed index cannot produce on demand
/// (estimated totals, highlighted titles), against a scripted stand-in for trawld.
@Suite(.ownThreads, .serialized) struct CLIScriptedAnswerTests {
    let scratch: Scratch

    init() throws { scratch = try Scratch() }

    /// A daemon whose searches answer two hits; `total` and a title with markers are the test's.
    func daemon(total: [String: Int], socket: String = "s.sock") throws -> ScriptedDaemon {
        try ScriptedDaemon(socket: scratch.path + "/" + socket) { request in
            let highlight = request["highlight"] as? [String: String] ?? ["pre": "<b>", "post": "</b>"]
            let first: [String: Any] = [
                "id": "a", "rank": 1, "title": "Smith & Ferry news", "source": "AP",
                "title_highlighted": "Smith &amp; \(highlight["pre"]!)Ferry\(highlight["post"]!) news",
            ]
            let second: [String: Any] = ["id": "b", "rank": 2, "title": "Plain title"]
            return ["hits": [first, second], "total": total, "generation": 1, "took_ms": 0.5]
        }
    }

    @Test func footerSaysAboutOnlyForAnEstimate() throws {
        let estimated = try daemon(total: ["estimate": 120, "lower": 40, "upper": 300])
        let about = try runTrawl(["--offset", "3", "ferry"], socket: estimated.socketPath)
        #expect(about.lines.last?.hasPrefix("4–5 of about 120 articles · ") == true, "\(about.stdout)")

        let exact = try daemon(total: ["estimate": 16, "lower": 16, "upper": 16], socket: "exact.sock")
        let result = try runTrawl(["--offset", "3", "ferry"], socket: exact.socketPath)
        #expect(result.lines.last?.hasPrefix("4–5 of 16 articles · ") == true, "\(result.stdout)")
    }

    @Test func titlesShowTheMatchedWordsHighlighted() throws {
        let scripted = try daemon(total: ["estimate": 2, "lower": 2, "upper": 2])
        let coloured = try runTrawl(["--color", "always", "ferry"], socket: scripted.socketPath)
        #expect(coloured.stdout.contains("1. \u{1B}[1mSmith & \u{1B}[1;33mFerry\u{1B}[0m\u{1B}[1m news\u{1B}[0m\n"), "\(coloured.stdout)")
        #expect(coloured.stdout.contains("2. \u{1B}[1mPlain title\u{1B}[0m\n"), "without title_highlighted, the title")

        let plain = try runTrawl(["ferry"], socket: scripted.socketPath)
        #expect(plain.stdout.hasPrefix("1. Smith & Ferry news\n"), "\(plain.stdout)")
    }

    @Test func scriptsAskForSuggestionsAndPeopleForCorrections() throws {
        let scripted = try daemon(total: ["estimate": 2, "lower": 2, "upper": 2])
        for (arguments, expected) in [
            (["ferry"], "auto"), (["--json", "ferry"], "suggest"), (["--ids", "ferry"], "suggest"),
            (["--ids", "--correct", "auto", "ferry"], "auto"), (["--json", "--correct", "off", "ferry"], "off"),
            (["--correct", "suggest", "ferry"], "suggest"),
        ] {
            let before = scripted.requests.count
            let result = try runTrawl(arguments, socket: scripted.socketPath)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let sent = scripted.requests.dropFirst(before)
            // A request leaves out fields at the protocol's default: no `correct` is "auto".
            let asked = sent.map { $0["correct"] as? String ?? "auto" }
            #expect(!sent.isEmpty && asked.allSatisfy { $0 == expected }, "\(arguments): \(sent)")
        }
    }

    @Test func facetValuesArePrintedAsTheDaemonWroteThem() throws {
        let scripted = try ScriptedDaemon(socket: scratch.path + "/f.sock") { _ in
            ["hits": [], "total": ["estimate": 0, "lower": 0, "upper": 0],
             "facets": ["source": ["The Guardian": 3, "AP": 5], "month": ["2025-02": 7, "2024-12": 1]]]
        }
        let result = try runTrawl(["--facets", "source,month", "x"], socket: scripted.socketPath)
        #expect(result.stdout.contains("month: 2024-12 (1), 2025-02 (7)\n"), "date order, not count order: \(result.stdout)")
        #expect(result.stdout.contains("source: AP (5), The Guardian (3)\n"), "\(result.stdout)")
    }

    /// 1005 matches whose ids name the generation that answered; `generation(n)` gives it for
    /// the daemon's n-th request.
    func pagingDaemon(socket: String, generation: @escaping @Sendable (Int) -> Int) throws -> ScriptedDaemon {
        let requests = Counter()
        return try ScriptedDaemon(socket: scratch.path + "/" + socket) { request in
            requests.add()
            let current = generation(requests.value)
            let offset = request["offset"] as? Int ?? 0, limit = request["limit"] as? Int ?? 10
            let hits = (offset..<min(offset + limit, 1005)).map { ["id": "g\(current)-\($0)", "rank": $0 + 1] as [String: Any] }
            return ["hits": hits, "total": ["estimate": 1005, "lower": 1005, "upper": 1005], "generation": current]
        }
    }

    @Test func idsStartAgainWhenTheIndexChangesBetweenPages() throws {
        // The second page comes from a new generation: the listing starts again there.
        let once = try pagingDaemon(socket: "once.sock") { $0 == 1 ? 1 : 2 }
        let listed = try runTrawl(["--ids", "x"], socket: once.socketPath)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.lines.count == 1005 && listed.lines.allSatisfy { $0.hasPrefix("g2-") }, "one generation's ids only")
        #expect(once.requests.count == 4)

        let always = try pagingDaemon(socket: "always.sock") { $0 }
        let refused = try runTrawl(["--ids", "x"], socket: always.socketPath)
        #expect(refused.status == 2 && refused.stdout.isEmpty, "\(refused.stdout)")
        #expect(refused.stderr.contains("the index changed 3 times"), "\(refused.stderr)")
    }

    @Test func statsForPeopleNameEveryField() throws {
        let scripted = try ScriptedDaemon(socket: scratch.path + "/t.sock") { _ in
            ["documents": 16, "generation": 3, "index": "/srv/trawl/index", "updated": "2025-05-15T11:13:00Z",
             "uptime_s": 3723.4, "requests": 10, "errors": 1, "connections": 2, "workers": 2, "queued": 0,
             "latency_ms": ["p50": 0.42, "p99": 12.5], "newer_field": "kept"]
        }
        let human = try runTrawl(["stats"], socket: scripted.socketPath)
        #expect(human.status == 0, "\(human.stderr)")
        let lines = human.lines.map(String.init)
        #expect(lines.first == "documents    16", "\(human.stdout)")
        #expect(lines.contains("uptime       1h 02m 03s"), "\(human.stdout)")
        #expect(lines.contains("latency      p50 0.42 ms, p99 12.5 ms"), "\(human.stdout)")
        #expect(lines.contains("index        /srv/trawl/index"))
        #expect(lines.contains("newer field  kept"), "fields the client does not know are shown too")

        let json = try runTrawl(["stats", "--json"], socket: scripted.socketPath)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["documents"] as? Int == 16 && object?["ok"] == nil)
    }
}
