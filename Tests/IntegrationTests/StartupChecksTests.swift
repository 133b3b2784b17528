import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// What trawld and trawl-index check at start: the socket's folder, the stemmer, stray
/// `TRAWL_*` variables. (`trawl` reads no search settings, so it has nothing to check here.)
@Suite(.ownThreads, .serialized) struct StartupChecksTests {
    /// The environment of the test without the developer's `TRAWL_*` settings, plus `extra`.
    private func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAWL_") }.merging(extra) { _, new in new }
    }

    @Test func trawldCreatesTheSocketsFolderButNotAChainOfParents() throws {
        let scratch = try Scratch()
        let chain = scratch.path + "/missing/dir/s.sock"
        let refused = try runProgramUntil(
            Binaries.path("trawld"), ["--index", scratch.path + "/index", "--socket", chain], timeout: 30,
            environment: environment())
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("cannot create the socket's folder \(scratch.path)/missing/dir"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\(scratch.path)/missing does not exist either"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/missing"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/index"))

        // A file where the socket's folder should be is named as such (not bind's bare ENOTDIR).
        let file = try scratch.write("not a folder\n", to: "file")
        let onAFile = try runProgramUntil(
            Binaries.path("trawld"), ["--index", scratch.path + "/index", "--socket", file + "/s.sock"], timeout: 30,
            environment: environment())
        #expect(onAFile.status != 0 && onAFile.stderr.contains("\(file) exists but is not a folder"), "\(onAFile.stderr)")

        let daemon = try DaemonProcess(index: scratch.path + "/index", socket: scratch.path + "/run/s.sock")
        var info = stat()
        #expect(stat(scratch.path + "/run", &info) == 0 && info.st_mode & 0o777 == 0o750)
        #expect(daemon.stop() == 0)
    }

    /// An index path that names a file is a mistake to report, in either program: trawld waited
    /// for an index that could never be built there ("no index yet: build one with trawl-index"),
    /// and trawl-index told the user to create a parent that exists.
    @Test func anIndexPathThatIsAFileIsNamedAsSuch() throws {
        let scratch = try Scratch()
        let file = try scratch.write("not an index\n", to: "afile")
        let daemon = try runProgramUntil(
            Binaries.path("trawld"), ["--index", file, "--socket", scratch.path + "/s"], timeout: 30, environment: environment())
        #expect(daemon.status != 0 && daemon.stderr.contains("is a file, not a folder"), "\(daemon.stderr)")
        let indexer = try runProgramUntil(
            Binaries.path("trawl-index"), ["--index", file, try scratch.seedArticles()], timeout: 60, environment: environment())
        #expect(indexer.status == 2 && indexer.stderr.contains("exists but is not a folder"), "\(indexer.stderr)")
        #expect(!indexer.stderr.contains("create its parent"), "\(indexer.stderr)")
    }

    @Test func anUnknownStemmerStopsTrawldAtStart() throws {
        let scratch = try Scratch()
        let config = try scratch.write("search:\n  stemming: klingon\n", to: "trawl.yaml")
        let run = try runProgramUntil(
            Binaries.path("trawld"), ["--config", config, "--index", scratch.path + "/index", "--socket", scratch.path + "/s"],
            timeout: 30, environment: environment())
        #expect(run.status == 2)
        #expect(run.stderr.contains("search.stemming: expected one of") && run.stderr.contains("english"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/s"))
    }

    @Test func aMistypedVariableIsAWarningNamingTheClosestSetting() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let index = scratch.path + "/index"
        let run = try runProgramUntil(
            Binaries.path("trawl-index"), ["--index", index, articles], timeout: 60,
            environment: environment(["TRAWL_SERVR_WORKERS": "2", "TRAWL_HOME": "/opt/trawl"]))
        #expect(run.status == 0, "a warning, not an error: \(run.stderr)")
        #expect(run.stderr.contains("warning: TRAWL_SERVR_WORKERS is not a Trawl setting") && run.stderr.contains("did you mean TRAWL_SERVER_WORKERS?"))
        #expect(!run.stderr.contains("TRAWL_HOME"), "the cron example's own variable is not a typo")

        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s", environment: ["TRAWL_SERVR_WORKERS": "2"])
        #expect(daemon.waitForLog("did you mean TRAWL_SERVER_WORKERS?"))
        #expect(try daemon.roundTrip(#"{"op":"ping"}"#).isOK)
    }
}
