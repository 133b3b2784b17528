import Foundation
import Testing
import TrawlTestSupport

/// trawl-index as cron and people run it: exit statuses, summaries, config errors, the cron line.
@Suite(.ownThreads, .serialized) struct IndexCLITests {
    @Test func summaryAndExitStatuses() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let index = scratch.path + "/index"
        let first = try runProgram(Binaries.path("trawl-index"), ["--index", index, articles])
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("added 5, updated 0, unchanged 0, deleted 0, skipped 0, failed 0"))

        try "".write(toFile: articles + "/empty.txt", atomically: false, encoding: .utf8)
        let failed = try runProgram(Binaries.path("trawl-index"), ["--index", index, "--json", articles])
        #expect(failed.status == 1)
        let summary = try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: Any]
        #expect(summary?["unchanged"] as? Int == 5 && summary?["failed"] as? Int == 1)
        #expect(failed.stderr.contains("empty.txt: empty file"))
    }

    @Test func nothingDoneIsStatusTwo() throws {
        let scratch = try Scratch()
        let missing = try runProgram(Binaries.path("trawl-index"), ["--index", scratch.path + "/index", scratch.path + "/nope"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist"))

        try "index:\n  pathh: x\n".write(toFile: scratch.path + "/bad.yaml", atomically: false, encoding: .utf8)
        let badConfig = try runProgram(Binaries.path("trawl-index"), ["--config", scratch.path + "/bad.yaml"])
        #expect(badConfig.status == 2)
        #expect(badConfig.stderr.contains("unknown key index.pathh"))

        try "limits:\n  max_limit: many\n".write(toFile: scratch.path + "/type.yaml", atomically: false, encoding: .utf8)
        let wrongType = try runProgram(Binaries.path("trawl-index"), ["--config", scratch.path + "/type.yaml"])
        #expect(wrongType.status == 2 && wrongType.stderr.contains("limits.max_limit: expected an integer"))

        let tooManyWriters = try runProgram(Binaries.path("trawl-index"), ["--writers", "1000", "--index", scratch.path + "/index"])
        #expect(tooManyWriters.status == 2 && tooManyWriters.stderr.contains("indexing.writers: 1000 is out of range"))
    }

    /// A mistyped option is an error like any other: status 2, as PROTOCOL.md's command-line contract says, not 64.
    @Test(arguments: ["trawl-index", "trawld"])
    func usageErrorsExitTwo(program: String) throws {
        let typo = try runProgram(Binaries.path(program), ["--rebiuld"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("Unknown option '--rebiuld'"))
        #expect(try runProgram(Binaries.path(program), ["--help"]).status == 0)
    }

    /// The crontab line in config/cron/trawl-reindex, run as cron would: bare environment, /bin/sh,
    /// the job script installed as $TRAWL_HOME/bin/trawl-reindex, the log's folder not there yet.
    @Test func cronLineWorksUnderABareEnvironment() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let cron = try String(contentsOfFile: Binaries.repositoryRoot + "/config/cron/trawl-reindex", encoding: .utf8)
        #expect(cron.contains("\nMAILTO="))
        let entry = try #require(cron.split(separator: "\n").first { $0.first?.isNumber == true })
        // Fields: minute hour day month weekday user command...
        let command = String(entry.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: true)[6])
        let bin = scratch.path + "/opt/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/trawl-index", withDestinationPath: Binaries.path("trawl-index"))
        try FileManager.default.createSymbolicLink(
            atPath: bin + "/trawl-reindex", withDestinationPath: Binaries.repositoryRoot + "/config/cron/trawl-reindex.sh")
        let config = scratch.path + "/trawl.yaml"
        try "index:\n  path: index\narticles:\n  root: articles\n".write(toFile: config, atomically: false, encoding: .utf8)
        let log = scratch.path + "/log/trawl/reindex.log"
        let environment = [
            "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh", "TRAWL_HOME": scratch.path + "/opt", "TRAWL_CONFIG": config,
            "TRAWL_LOG": log,
        ]
        func runCronLine() throws -> Finished {
            try runProgram("/usr/bin/env", ["-i"] + environment.map { "\($0)=\($1)" } + ["/bin/sh", "-c", command])
        }
        let run = try runCronLine()
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run.stdout) \(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/index/current"))
        // Every line stamped: `2025-05-15T03:17:00Z added 5, ...`.
        let stamped = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "#)
        var lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains("added 5") } && lines.allSatisfy { $0.contains(stamped) }, "\(lines)")

        // Some files failed, the rest was indexed (exit 1): a warning in the log, nothing for cron to mail.
        try "".write(toFile: articles + "/empty.txt", atomically: false, encoding: .utf8)
        let partial = try runCronLine()
        #expect(partial.status == 0 && partial.stdout.isEmpty, "\(partial.stdout)")
        lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains("empty.txt: empty file") })
        #expect(lines.last?.contains("warning: trawl-index --rebuild finished, but some files failed") == true, "\(lines)")

        // A run that did nothing prints one line for cron to mail and exits non-zero.
        try FileManager.default.removeItem(atPath: scratch.path + "/articles")
        let failing = try runCronLine()
        #expect(failing.status == 2)
        #expect(failing.stdout == "trawl-index --rebuild failed with status 2; see \(log)\n")
    }
}
