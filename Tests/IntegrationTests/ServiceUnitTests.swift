import Foundation
import Testing
import TrawlTestSupport

/// The systemd units in config/systemd: valid for `systemd-analyze verify` (when this machine has
/// it), and a fresh machine needs no hand-made folders (systemd creates state, logs, runtime).
@Suite(.ownThreads) struct ServiceUnitTests {
    static let folder = Binaries.repositoryRoot + "/config/systemd"
    static let units = [
        "trawld.service", "trawl-reindex.service", "trawl-reindex.timer", "trawl-watch.service",
        "trawl-replicate-server.service", "trawl-shard-replica@.service", "trawl-shard@.service", "trawl-shard@.path",
    ]

    private func unit(_ name: String) throws -> String { try String(contentsOfFile: Self.folder + "/" + name, encoding: .utf8) }

    @Test func systemdCreatesEveryFolderTheServicesUse() throws {
        let daemon = try unit("trawld.service"), reindex = try unit("trawl-reindex.service")
        #expect(daemon.contains("\nRuntimeDirectory=trawl\n") && daemon.contains("--socket /run/trawl/trawld.sock"))
        #expect(reindex.contains("\nStateDirectory=trawl\n") && reindex.contains("\nLogsDirectory=trawl\n"))
        #expect(reindex.contains("\nExecStart=/opt/trawl/bin/trawl-reindex\n"), "the cron job's script: timestamps, exit 1 is no failure")
        #expect(!reindex.contains("ReadWritePaths"), "StateDirectory makes /var/lib/trawl writable")
    }

    /// Scaling out: the indexer host serves `index/publish` to replicas; a shard host replicates a shard
    /// by its published name (the instance) and serves the replica once it exists. Both Xapian
    /// servers bind loopback unless the env file says otherwise (neither authenticates).
    @Test func replicationAndShardUnitsBindLoopbackAndWaitForTheirReplica() throws {
        let server = try unit("trawl-replicate-server.service")
        #expect(server.contains("\nEnvironment=TRAWL_REPLICATE_ADDRESS=127.0.0.1\n"))
        #expect(server.contains("--interface ${TRAWL_REPLICATE_ADDRESS}"))
        #expect(server.contains(" /var/lib/trawl/index/publish\n") && server.contains("\nRestart=on-failure\n"))

        let replica = try unit("trawl-shard-replica@.service"), shard = try unit("trawl-shard@.service")
        for text in [replica, shard] {
            #expect(text.contains("\nEnvironmentFile=/etc/trawl/shard-%i.env\n") && text.contains("\nRestart=on-failure\n"))
        }
        #expect(replica.contains("\nEnvironment=TRAWL_MASTER_HOST=127.0.0.1\n") && replica.contains("--master %i "))
        #expect(replica.contains("\nStateDirectory=trawl/replica/%i\n"))
        #expect(shard.contains("\nEnvironment=TRAWL_SHARD_ADDRESS=127.0.0.1\n") && shard.contains("--interface ${TRAWL_SHARD_ADDRESS}"))
        // xapian-tcpsrv exits at start without a database: it waits for the first copy.
        #expect(shard.contains("\nConditionPathExists=/var/lib/trawl/replica/%i/XAPIANDB\n"))
        #expect(try unit("trawl-shard@.path").contains("\nPathExists=/var/lib/trawl/replica/%i/XAPIANDB\n"))
        // The example env file sets every variable the two shard units read.
        let example = try unit("shard.env.example")
        for variable in ["TRAWL_MASTER_HOST", "TRAWL_MASTER_PORT", "TRAWL_SHARD_ADDRESS", "TRAWL_SHARD_PORT"] {
            #expect(example.contains("\n\(variable)="), "\(variable)")
            #expect((replica + shard).contains("${\(variable)}"), "\(variable)")
        }
    }

    /// The watcher: the same state folder and config as the rebuild, restarted after a failure
    /// (its start catches up), stopped by SIGTERM (which writes the batch being collected).
    @Test func theWatcherRunsWatchModeAndRestarts() throws {
        let watch = try unit("trawl-watch.service")
        #expect(watch.contains("\nExecStart=/opt/trawl/bin/trawl-index --watch\n"))
        #expect(watch.contains("\nStateDirectory=trawl\n") && watch.contains("\nEnvironment=TRAWL_CONFIG=/etc/trawl/trawl.yaml\n"))
        #expect(watch.contains("\nRestart=on-failure\n") && watch.contains("\nKillSignal=SIGTERM\n"))
        #expect(watch.contains("\nWantedBy=multi-user.target\n"))
        // Indexing moves between the idle class and the normal one at Nice=5 (WatchPriority): the
        // way back needs RLIMIT_NICE of 20 - 5.
        #expect(watch.contains("\nNice=5\n") && watch.contains("\nLimitNICE=+5\n"))
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
        // A template is verified as one of its instances.
        let paths = try Self.units.map { name in
            try scratch.write(
                try unit(name).replacingOccurrences(of: "/opt/trawl/bin/", with: bin + "/"),
                to: name.replacingOccurrences(of: "@.", with: "@shard-0."))
        }
        let run = try runProgram("/usr/bin/systemd-analyze", ["verify"] + paths)
        // Warnings (an unknown key, a bad value) leave the status 0: any line about our units counts.
        let complaints = (run.stdout + run.stderr).split(separator: "\n").filter { $0.contains(scratch.path) }
        #expect(run.status == 0 && complaints.isEmpty, "\(run.stdout)\(run.stderr)")
    }
}
