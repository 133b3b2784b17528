import Foundation
import Testing
import TrawlTestSupport

/// One of Xapian's network servers (`xapian-replicate-server`, `xapian-tcpsrv`) for a test, on a
/// 127.0.0.x address. It runs under `timeout`, which leads a process group of its own: the server's
/// SIGTERM handler signals its whole group (never the test runner's), the forked per-connection
/// children are in it too, and a test that dies leaves nothing running past the timeout.
/// Killed by group on `stop()` and on deinit.
final class XapianServerProcess {
    let process = Process()
    let host: String
    let port: Int

    /// Whether this machine has Xapian's tools (the `xapian-tools` package).
    static var toolsInstalled: Bool {
        ["xapian-replicate-server", "xapian-replicate", "xapian-tcpsrv"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0)
        }
    }

    /// Port `n` of this test process: below 32768 (the ephemeral range starts there) and apart
    /// from other test processes' ports by the pid.
    static func port(_ n: Int) -> Int { 20000 + Int(getpid() % 500) * 20 + n }

    /// Starts `program arguments` (which bind `host:port`) for at most `seconds`, and waits until it accepts connections.
    init(_ program: String, _ arguments: [String], host: String, port: Int, seconds: Int = 300) throws {
        OwnThreads.check("starting \(program)")
        self.host = host
        self.port = port
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-k", "5", String(seconds), "/usr/bin/" + program] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening()
    }

    deinit { stop() }

    /// SIGKILL to the whole group, and wait for `timeout` to be gone.
    func stop() {
        guard process.isRunning else { return }
        let group = process.processIdentifier
        // Before `timeout` has made its group, there is only the one process to kill.
        if kill(-group, SIGKILL) != 0 { kill(group, SIGKILL) }
        process.waitUntilExit()
    }

    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard process.isRunning else {
                throw ProgramRunError(description: "\(process.arguments ?? []) exited with \(process.terminationStatus)")
            }
            if ShardHosts.accepts(host, port) { return }
            usleep(20_000)
        }
        throw ProgramRunError(description: "\(process.arguments ?? []) did not listen on \(host):\(port) within 10 s")
    }
}

/// `xapian-replicate` once (`-o`, no wait between changesets): brings the replica in `folder` up to
/// date with database `name` of a replication server. Its `-v` report is in the output
/// ("Update complete: 0 copies, 2 changesets, new live database").
func replicateOnce(from server: XapianServerProcess, name: String, into folder: String) throws -> Finished {
    try runProgramUntil(
        "/usr/bin/timeout",
        ["-k", "5", "60", "/usr/bin/xapian-replicate", "-h", server.host, "-p", String(server.port), "-m", name, "-o", "-v",
         "-r", "0", folder],
        timeout: 70)
}
