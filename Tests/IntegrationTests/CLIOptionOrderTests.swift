import Foundation
import Testing
import TrawlTestSupport

/// `trawl --socket S stats` is the stats subcommand, not a search for "stats": `--socket` may
/// come before the subcommand's name, as it may before a query.
@Suite(.ownThreads, .serialized) struct CLIOptionOrderTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(index: try TestIndexes.indexNews(in: scratch), socket: scratch.path + "/s")
    }

    func trawl(_ arguments: [String]) throws -> Finished {
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAWL_") }
        return try runProgram(Binaries.path("trawl"), arguments, environment: environment)
    }

    @Test func socketBeforeTheSubcommand() throws {
        let stats = try trawl(["--socket", daemon.socketPath, "stats", "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(object?["documents"] as? Int == 6)

        let ping = try trawl(["--socket=" + daemon.socketPath, "ping"])
        #expect(ping.status == 0 && ping.stdout.hasPrefix("pong from \(daemon.socketPath)"))
        let get = try trawl(["--socket", daemon.socketPath, "get", "uk/hubs-1"])
        #expect(get.status == 0 && get.stdout.hasPrefix("Return hubs plan announced\n"))
        let reload = try trawl(["--socket", daemon.socketPath, "reload"])
        #expect(reload.stdout == "generation 1, 6 articles\n")
    }

    /// A negated word holding a 0 is a query word like any `-word`: ArgumentParser read `-2025` as the
    /// short flags -2 -0 -2 -5, and -0 was `--null` ("-0/--null separates ids", or "Unknown option '-2'").
    @Test func negatedWordsWithAZeroAreQueryWords() throws {
        let socket = ["--socket", daemon.socketPath]
        let dated = try trawl(socket + ["--ids", "hubs", "-date:2025"])
        #expect(dated.status == 0 && dated.stdout == "notes/undated\n", "\(dated.stdout) \(dated.stderr)")
        let year = try trawl(socket + ["--count", "storm", "-2025"])
        #expect(year.status == 0 && year.stdout == "2\n", "\(year.stdout) \(year.stderr)")
        let forPeople = try trawl(socket + ["storm", "-G20", "--limit", "1"])
        #expect(forPeople.status == 0 && forPeople.stdout.contains("storm"), "\(forPeople.stderr)")
        // -0 alone is still --null, before or after the query.
        let nul = try trawl(socket + ["--ids", "-0", "storm"])
        #expect(nul.status == 0 && nul.stdout.split(separator: "\0").count == 2 && !nul.stdout.contains("\n"), "\(nul.stdout)")
        let nulAfter = try trawl(socket + ["--ids", "storm", "-0"])
        #expect(nulAfter.status == 0 && nulAfter.stdout.hasSuffix("\0"), "\(nulAfter.stdout)")
    }

    @Test func queriesAfterTheSocketAreStillSearches() throws {
        let count = try trawl(["--socket", daemon.socketPath, "--count", "hubs"])
        #expect(count.status == 0 && count.stdout == "3\n")
        let ids = try trawl(["--socket", daemon.socketPath, "--ids", "storm", "stats"])
        #expect(ids.status == 1 && ids.stdout.isEmpty, "a search for both words, which nothing has")
        // A search for a word that is also a subcommand's name says so.
        let word = try trawl(["--socket", daemon.socketPath, "search", "--count", "stats"])
        #expect(word.status == 1 && word.stdout == "0\n")
    }
}
