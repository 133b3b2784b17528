import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// The real binaries end to end: trawl-index builds the index, trawld serves it, trawl prints it.
@Suite(.ownThreads, .serialized) struct CLITests {
    let scratch: Scratch
    let daemon: DaemonProcess
    var socket: String { daemon.socketPath }

    init() throws {
        scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let indexed = try runProgram(Binaries.path("trawl-index"), ["--index", scratch.path + "/index", articles])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        daemon = try DaemonProcess(index: scratch.path + "/index", socket: scratch.path + "/s.sock")
    }

    func trawl(_ arguments: [String], environment: [String: String] = [:]) throws -> Finished {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAWL_") }
        env.merge(environment) { _, new in new }
        // Subcommand first, then its options: `trawl stats --socket S`.
        return try runProgram(Binaries.path("trawl"), arguments + ["--socket", socket], environment: env)
    }

    @Test func humanOutputShowsRankedHitsAndAFooter() throws {
        let result = try trawl(["\"return hubs\" Albania"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1. "))
        #expect(result.stdout.contains("UK to start talks on return hubs for failed asylum seekers"))
        #expect(result.stdout.contains("bbc · "))
        #expect(result.stdout.contains("1–5 of 5 articles"), "an exact total, without \"about\": \(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func jsonModePrintsOneObjectPerHit() throws {
        let result = try trawl(["--json", "--limit", "3", "\"return hubs\""])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["id"] is String)
            #expect(object?["snippet"] is String)
        }
    }

    @Test func idsAndCountModes() throws {
        let ids = try trawl(["--ids", "source:bbc"])
        #expect(ids.stdout == "002_5f7415eda35cdc68.txt\n")
        let count = try trawl(["--count", "hubs"])
        #expect(count.stdout == "5\n" && count.status == 0)
    }

    @Test func exitStatusIsOneWhenNothingMatches() throws {
        let result = try trawl(["zzzyzzzx"])
        #expect(result.status == 1)
        let count = try trawl(["--count", "zzzyzzzx"])
        #expect(count.status == 1 && count.stdout == "0\n")
    }

    @Test func badQueryIsAnErrorWithStatusTwo() throws {
        let result = try trawl(["storm AND"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad_query"))
    }

    @Test func unreachableDaemonNamesTheSocketAndHowToStartIt() throws {
        let result = try runProgram(Binaries.path("trawl"), ["--socket", scratch.path + "/nope.sock", "hubs"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(scratch.path + "/nope.sock"))
        #expect(result.stderr.contains("trawld"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func socketComesFromTheEnvironment() throws {
        var env = ProcessInfo.processInfo.environment
        env["TRAWL_SOCKET"] = socket
        let result = try runProgram(Binaries.path("trawl"), ["--count", "hubs"], environment: env)
        #expect(result.stdout == "5\n")
    }

    @Test func getStatsPingReload() throws {
        let get = try trawl(["get", "003_d31b54c3e87b35a3.txt"])
        #expect(get.status == 0 && get.stdout.contains("Danielle de Wolfe"))
        let stats = try trawl(["stats", "--json"])
        #expect(stats.stdout.contains("\"documents\":5"))
        #expect(try trawl(["stats"]).stdout.hasPrefix("documents"))
        #expect(try trawl(["ping"]).status == 0)
        #expect(try trawl(["reload"]).stdout.contains("5 articles"))
        #expect(try trawl(["get", "../../etc/passwd"]).status == 2)
    }
}
