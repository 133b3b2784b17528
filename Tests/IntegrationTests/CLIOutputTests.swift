import Foundation
import Testing
import TrawlTestSupport

/// What `trawl` prints for people: Xapian's HTML escapes undone, whitespace folded, highlights
/// as ANSI colour when asked for, and the numbers of the footer and `ping`.
@Suite(.ownThreads, .serialized) struct CLIOutputTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        let index = try TestIndexes.index(files: ["markup.txt": """
            Profits at Smith & Sons
            15 May 2025

            Profits at Smith & Sons rose <sharply> this year,   the "board" said.\tShares rose.
            """], in: scratch)
        daemon = try DaemonProcess(index: index, socket: scratch.path + "/s.sock")
    }

    func trawl(_ arguments: [String]) throws -> Finished {
        try runProgram(Binaries.path("trawl"), arguments + ["--socket", daemon.socketPath])
    }

    @Test func snippetsReadAsTextWithColouredHighlights() throws {
        let result = try trawl(["--color", "always", "sharply"])
        #expect(result.status == 0, "\(result.stderr)")
        let snippet = try #require(result.stdout.split(separator: "\n").first { $0.contains("Shares") })
        #expect(snippet.contains("Smith & Sons rose <\u{1B}[1;33msharply\u{1B}[0m> this year, the \"board\" said. Shares rose."))
        #expect(!result.stdout.contains("&amp;") && !result.stdout.contains("&lt;"))
    }

    @Test func plainOutputHasNoEscapesAndAFooterWithTheTime() throws {
        let result = try trawl(["sons"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stdout.contains("Smith & Sons rose <sharply> this year"))
        let footer = try #require(result.stdout.split(separator: "\n").last)
        #expect(footer.wholeMatch(of: /1 of 1 article · \d+\.\d ms/) != nil, "\(footer)")
    }

    @Test func jsonKeepsTheDaemonsFieldsWithKeysSorted() throws {
        let result = try trawl(["--json", "sons"])
        let line = try #require(result.stdout.split(separator: "\n").first)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).keys.sorted()
        let order = keys.compactMap { line.range(of: "\"\($0)\":")?.lowerBound }
        #expect(order.count == keys.count && order == order.sorted(), "keys in sorted order: \(line)")
        #expect(line.contains("<b>Sons</b>"), "the protocol's default highlight: \(line)")
        #expect(!line.contains("\u{E000}"), "no private-use markers in output for scripts")
    }

    @Test func pingPrintsTheRoundTripInMilliseconds() throws {
        let result = try trawl(["ping"])
        #expect(result.status == 0)
        #expect(result.stdout.wholeMatch(of: /pong from .+ in \d+\.\d\d ms\n/) != nil, "\(result.stdout)")
    }

    @Test func facetsAreListedMostFrequentFirst() throws {
        let result = try trawl(["--facets", "year, month", "sons"])
        #expect(result.stdout.contains("month: 2025-05 (1)"), "\(result.stdout)")
        #expect(result.stdout.contains("year: 2025 (1)"), "\(result.stdout)")
    }
}
