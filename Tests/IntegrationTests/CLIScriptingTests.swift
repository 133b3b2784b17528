import Foundation
import Testing
import TrawlTestSupport

/// `trawl` as scripts and people use it, against the real daemon: every id, NUL-separated ids,
/// comma lists, months and years as dates, facets in JSON, footers that count right.
@Suite(.ownThreads, .serialized) struct CLIScriptingTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(index: try FerryCorpus.index(in: scratch), socket: scratch.path + "/s.sock")
    }

    func trawl(_ arguments: [String], environment: [String: String] = [:]) throws -> Finished {
        try runTrawl(arguments, socket: daemon.socketPath, environment: environment)
    }

    @Test func footerNumbersTheHitsShown() throws {
        let result = try trawl(["--offset", "3", "--limit", "3", "ferry"])
        #expect(result.status == 0, "\(result.stderr)")
        let footer = try #require(result.lines.last)
        #expect(footer.wholeMatch(of: /4–6 of 16 articles · \d+\.\d ms/) != nil, "\(footer)")
    }

    /// `--limit 0` asks for no hits, only what is counted: the query matched, so exit 0 and no
    /// "no matches" (it said "no matches for 'ferry'" and exited 1 with 16 matches counted).
    @Test func limitZeroCountsWithoutSayingNoMatches() throws {
        let json = try trawl(["--json", "--limit", "0", "--facets", "source", "ferry"])
        #expect(json.status == 0 && !json.stderr.contains("no matches"), "\(json.status) \(json.stderr)")
        #expect(json.stdout.contains(#""lower":16"#), "\(json.stdout)")
        let people = try trawl(["--limit", "0", "ferry"])
        #expect(people.status == 0 && people.stdout.contains("of 16 articles"), "\(people.stdout) \(people.stderr)")
        let none = try trawl(["--json", "--limit", "0", "zzzqqq"])
        #expect(none.status == 1)
    }

    /// `trawl -source:bbc` was taken for an unknown option, leaving no query ("give a query").
    @Test(arguments: [["-source:bbc"], ["ferry", "-source:bbc"], ["NOT", "source:bbc"], ["--", "-source:bbc"],
                      ["-source:bbc", "--", "-source:bbc"]])
    func aNegationIsAQueryWordNotAnOption(query: [String]) throws {
        let result = try runTrawl(["--socket", daemon.socketPath, "--count"] + query, socket: nil)
        #expect(result.status == 0 && result.stdout == "7\n", "\(result.stdout) \(result.stderr)")
    }

    @Test func anUnknownLongOptionIsStillAnError() throws {
        let result = try trawl(["--lmit", "3", "ferry"])
        #expect(result.status == 2 && result.stderr.contains("unknown option --lmit"), "\(result.stderr)")
    }

    @Test func idsListEveryMatchUnlessLimited() throws {
        let all = try trawl(["--ids", "ferry"])
        #expect(all.status == 0 && Set(all.lines).count == FerryCorpus.total, "\(all.stdout)")
        let three = try trawl(["--ids", "--limit", "3", "ferry"])
        #expect(three.lines.count == 3)
        let rest = try trawl(["--ids", "--offset", "10", "ferry"])
        #expect(rest.lines.count == FerryCorpus.total - 10)
    }

    @Test func nulSeparatedIdsSurviveSpacesThroughXargs() throws {
        let ids = try trawl(["--ids", "-0", "ferry"])
        let names = ids.stdout.split(separator: "\0").map(String.init)
        #expect(names.count == FerryCorpus.total && names.contains(FerryCorpus.spacedID) && !ids.stdout.contains("\n"))

        let trawl = Binaries.path("trawl")
        let pipeline = "'\(trawl)' --socket '\(daemon.socketPath)' --ids --null 'title:spaced' | xargs -0 -n1 '\(trawl)' --socket '\(daemon.socketPath)' get --"
        let result = try runProgram("/bin/sh", ["-c", pipeline])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("A spaced ferry story\n"), "\(result.stdout)")
        #expect(try self.trawl(["-0", "ferry"]).status == 2, "-0 goes with --ids")
    }

    @Test func sourcesSplitOnCommas() throws {
        let both = try trawl(["--count", "--source", "AP, Reuters", "ferry"])
        #expect(both.status == 0 && both.stdout == "7\n", "\(both.stdout) \(both.stderr)")
        let repeated = try trawl(["--count", "--source", "AP", "--source", "Reuters", "ferry"])
        #expect(repeated.stdout == "7\n")
        let empty = try trawl(["--count", "--source", "AP,,Reuters", "ferry"])
        #expect(empty.status == 2 && empty.stderr.contains("--source"))
    }

    @Test func monthsAndYearsAreDates() throws {
        let february = try trawl(["--count", "--since", "2025-02", "--until", "2025-02", "ferry"])
        #expect(february.status == 0 && february.stdout == "5\n", "\(february.stdout) \(february.stderr)")
        let year = try trawl(["--count", "--until", "2024", "ferry"])
        #expect(year.stdout == "8\n", "\(year.stdout) \(year.stderr)")
        let fromYear = try trawl(["--count", "--since", "2025", "ferry"])
        #expect(fromYear.stdout == "8\n")
        let reversed = try trawl(["--count", "--since", "2025-03", "--until", "2025-02", "ferry"])
        #expect(reversed.status == 2, "a reversed range is an error: \(reversed.stdout)")
        let badMonth = try trawl(["--count", "--since", "2025-13", "ferry"])
        #expect(badMonth.status == 2 && badMonth.stderr.contains("01 to 12"), "\(badMonth.stderr)")
    }

    @Test func facetsAreNeverDroppedSilently() throws {
        let json = try trawl(["--json", "--limit", "2", "--facets", "source", "ferry"])
        #expect(json.status == 0 && json.lines.count == 3, "\(json.stdout)")
        let last = try JSONSerialization.jsonObject(with: Data((json.lines.last ?? "").utf8)) as? [String: Any]
        let summary = try #require(last?["summary"] as? [String: Any])
        let sources = try #require((summary["facets"] as? [String: Any])?["source"] as? [String: Int])
        #expect(sources.values.reduce(0, +) == FerryCorpus.total, "\(sources)")
        #expect((summary["total"] as? [String: Any])?["estimate"] as? Int == FerryCorpus.total)

        for mode in ["--count", "--ids"] {
            let refused = try trawl([mode, "--facets", "source", "ferry"])
            #expect(refused.status == 2 && refused.stderr.contains("--json --facets"), "\(mode): \(refused.stderr)")
        }
    }

    @Test func monthFacetInDateOrder() throws {
        let result = try trawl(["--limit", "0", "--facets", "month,source", "ferry"])
        #expect(result.stdout.contains("month: 2024-12 (8), 2025-01 (2), 2025-02 (5), 2025-03 (1)\n"), "\(result.stdout)")
        let source = try #require(result.lines.first { $0.hasPrefix("source: ") })
        #expect(source.hasPrefix("source: bbc (9), "), "sources stay most frequent first: \(source)")
    }

    @Test func noColorFollowsNoColorOrgAndAlwaysWins() throws {
        let always = try trawl(["--color", "always", "ferry"], environment: ["NO_COLOR": "1"])
        #expect(always.stdout.contains("\u{1B}["), "an explicit --color always wins over NO_COLOR")
        let get = try trawl(["get", "--color", "always", "ferry-1"], environment: ["NO_COLOR": "1"])
        #expect(get.status == 0 && get.stdout.hasPrefix("\u{1B}[1mHarbour report number 1"), "\(get.stdout) \(get.stderr)")
        // On a terminal (script(1) gives one), an empty NO_COLOR is as if unset; a non-empty one disables colour.
        for (value, coloured) in [("", true), ("1", false)] {
            let command = "NO_COLOR='\(value)' '\(Binaries.path("trawl"))' --socket '\(daemon.socketPath)' ferry"
            let terminal = try runProgram("/usr/bin/script", ["-qec", command, "/dev/null"])
            #expect(terminal.stdout.contains("\u{1B}[") == coloured, "NO_COLOR='\(value)': \(terminal.stdout.prefix(200))")
        }
    }
}
