import Foundation
import Testing
import TrawlTestSupport

/// The systemd units in config/systemd: valid for `systemd-analyze verify` (when this machine has
/// it), and a fresh machine needs no hand-made folders (systemd creates state, logs, runtime).
@Suite(.ownThreads) struct ServiceUnitTests {
    static let folder = Binaries.repositoryRoot + "/config/systemd"
    static let units = ["trawld.service", "trawl-reindex.service", "trawl-reindex.timer", "trawl-watch.service"]

    private func unit(_ name: String) throws -> String { try String(contentsOfFile: Self.folder + "/" + name, encoding: .utf8) }

    @Test func systemdCreatesEveryFolderTheServicesUse() throws {
        let daemon = try unit("trawld.service"), reindex = try unit("trawl-reindex.service")
        #expect(daemon.contains("\nRuntimeDirectory=trawl\n") && daemon.contains("--socket /run/trawl/trawld.sock"))
        #expect(reindex.contains("\nStateDirectory=trawl\n") && reindex.contains("\nLogsDirectory=trawl\n"))
        #expect(reindex.contains("\nExecStart=/opt/trawl/bin/trawl-reindex\n"), "the cron job's script: timestamps, exit 1 is no failure")
        #expect(!reindex.contains("ReadWritePaths"), "StateDirectory makes /var/lib/trawl writable")
    }

    /// The watcher: the same state folder and config as the rebuild, restarted after a failure
    /// (its start catches up), stopped by SIGTERM (which writes the batch being collected).
    @Test func theWatcherRunsWatchModeAndRestarts() throws {
        let watch = try unit("trawl-watch.service")
        #expect(watch.contains("\nExecStart=/opt/trawl/bin/trawl-index --watch\n"))
        #expect(watch.contains("\nStateDirectory=trawl\n") && watch.contains("\nEnvironment=TRAWL_CONFIG=/etc/trawl/trawl.yaml\n"))
        #expect(watch.contains("\nRestart=on-failure\n") && watch.contains("\nKillSignal=SIGTERM\n"))
        #expect(watch.contains("\nWantedBy=multi-user.target\n"))
    }

    /// The units as installed, with their programs (/opt/trawl/bin) replaced by the built ones
    /// (verify checks that each ExecStart is executable). Any complaint fails the test.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")))
    func unitsPassSystemdAnalyzeVerify() throws {
        let scratch = try Scratch()
        let bin = scratch.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for program in ["trawld", "trawl-index"] {
            try FileManager.default.createSymbolicLink(atPath: bin + "/" + program, withDestinationPath: Binaries.path(program))
        }
        try FileManager.default.createSymbolicLink(
            atPath: bin + "/trawl-reindex", withDestinationPath: Binaries.repositoryRoot + "/config/cron/trawl-reindex.sh")
        let paths = try Self.units.map { name in
            try scratch.write(try unit(name).replacingOccurrences(of: "/opt/trawl/bin/", with: bin + "/"), to: name)
        }
        let run = try runProgram("/usr/bin/systemd-analyze", ["verify"] + paths)
        // Warnings (an unknown key, a bad value) leave the status 0: any line about our units counts.
        let complaints = (run.stdout + run.stderr).split(separator: "\n").filter { $0.contains(scratch.path) }
        #expect(run.status == 0 && complaints.isEmpty, "\(run.stdout)\(run.stderr)")
    }
}
