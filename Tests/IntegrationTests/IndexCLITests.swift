import Foundation
import Testing

/// trawl-index as cron and people run it: exit statuses, summaries, config errors, the cron line.
@Suite(.serialized) struct IndexCLITests {
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

    /// The crontab line in config/cron/trawl-reindex, run as cron would: bare environment, /bin/sh.
    @Test func cronLineWorksUnderABareEnvironment() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let cron = try String(contentsOfFile: Binaries.repositoryRoot + "/config/cron/trawl-reindex", encoding: .utf8)
        let entry = try #require(cron.split(separator: "\n").first { $0.first?.isNumber == true })
        // Fields: minute hour day month weekday user command...
        let command = entry.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: true)[6]
        let home = scratch.path + "/opt"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: home + "/bin", withDestinationPath: Binaries.directory)
        let config = scratch.path + "/trawl.yaml"
        try "index:\n  path: index\narticles:\n  root: articles\n".write(toFile: config, atomically: false, encoding: .utf8)
        let environment = [
            "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh", "TRAWL_HOME": home, "TRAWL_CONFIG": config,
            "TRAWL_LOG": scratch.path + "/reindex.log",
        ]
        let run = try runProgram("/usr/bin/env", ["-i"] + environment.map { "\($0)=\($1)" } + ["/bin/sh", "-c", String(command)])
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let log = try String(contentsOfFile: scratch.path + "/reindex.log", encoding: .utf8)
        #expect(log.contains("added 5"))
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/index/current"))
        _ = articles

        // A failing run prints one line for cron to mail and exits non-zero.
        try FileManager.default.removeItem(atPath: scratch.path + "/articles")
        let failing = try runProgram("/usr/bin/env", ["-i"] + environment.map { "\($0)=\($1)" } + ["/bin/sh", "-c", String(command)])
        #expect(failing.status == 2)
        #expect(failing.stdout.contains("trawl-index --rebuild failed with status 2"))
    }
}
