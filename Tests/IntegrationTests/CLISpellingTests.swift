import Foundation
import Testing
import TrawlTestSupport

/// Spelling corrections never lie to a script: `--ids`, `--count` and `--json` answer for the
/// query as typed unless `--correct auto` is given; people see the corrected hits with a notice.
@Suite(.ownThreads, .serialized) struct CLISpellingTests {
    let scratch: Scratch
    let daemon: DaemonProcess
    /// One letter off "ferry", which all sixteen articles have.
    let typo = "ferrry"

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(index: try FerryCorpus.index(in: scratch), socket: scratch.path + "/s.sock")
    }

    func trawl(_ arguments: [String]) throws -> Finished { try runTrawl(arguments, socket: daemon.socketPath) }

    @Test func peopleSeeTheCorrectedHitsWithANotice() throws {
        let result = try trawl([typo])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Showing results for: ferry\n"), "\(result.stdout)")

        let suggested = try trawl(["--correct", "suggest", typo])
        #expect(suggested.status == 1)
        #expect(suggested.stdout.hasPrefix("Did you mean: ferry\n") && suggested.stdout.contains("0 of 0 articles"), "\(suggested.stdout)")
    }

    @Test func idsAnswerForTheQueryAsTypedAndSuggestOnStderr() throws {
        let result = try trawl(["--ids", typo])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "no ids of articles that do not match \(typo): \(result.stdout)")
        #expect(result.stderr.contains("did you mean 'ferry'?"), "\(result.stderr)")
    }

    @Test func countAndIdsAgreeInEveryMode() throws {
        let count = try trawl(["--count", typo])
        #expect(count.status == 1 && count.stdout == "0\n")
        #expect(count.stderr.contains("did you mean 'ferry'?"), "\(count.stderr)")

        let autoCount = try trawl(["--count", "--correct", "auto", typo])
        let autoIds = try trawl(["--ids", "--correct", "auto", typo])
        #expect(autoCount.status == 0 && autoCount.stdout == "\(FerryCorpus.total)\n", "\(autoCount.stdout) \(autoCount.stderr)")
        #expect(autoIds.status == 0 && autoIds.lines.count == FerryCorpus.total)
        #expect(autoIds.stderr.contains("showing matches for 'ferry'"), "\(autoIds.stderr)")

        let off = try trawl(["--ids", "--correct", "off", typo])
        #expect(off.status == 1 && off.stdout.isEmpty && off.stderr.isEmpty, "\(off.stderr)")
    }

    @Test func jsonCarriesTheCorrectionInAFinalSummary() throws {
        let suggested = try trawl(["--json", typo])
        #expect(suggested.status == 1)
        #expect(suggested.lines.count == 1, "only the summary: \(suggested.stdout)")
        let summary = try #require(try jsonObject(suggested.lines.last)["summary"] as? [String: Any])
        #expect(summary["corrected"] as? String == "ferry")
        #expect(summary["searched_corrected"] == nil)

        let corrected = try trawl(["--json", "--correct", "auto", "--limit", "3", typo])
        #expect(corrected.status == 0 && corrected.lines.count == 4, "\(corrected.stdout)")
        let last = try #require(try jsonObject(corrected.lines.last)["summary"] as? [String: Any])
        #expect(last["corrected"] as? String == "ferry" && last["searched_corrected"] as? Bool == true)
        #expect(try jsonObject(corrected.lines.first)["id"] is String)
    }

    private func jsonObject(_ line: Substring?) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data((line ?? "").utf8)) as? [String: Any])
    }
}
