import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Shard "hosts" on this machine: one `xapian-tcpsrv` per database, each on its own loopback
/// address (127.0.0.2, 127.0.0.3, ...) and a port below 32768 (the ephemeral range starts there)
/// picked from the test process's pid.
///
/// Each server runs under `timeout`, which leads a process group of its own: tcpsrv's SIGTERM
/// handler signals its whole group, and its forked per-connection children outlive a kill of the
/// parent alone, so a host is killed, frozen and thawed by group (docs/design/shards.md, 5).
final class ShardHosts {
    struct Host {
        let address: String
        let port: Int
        var database: String
        /// `timeout`, leader of the host's process group; nil while the host is down.
        var process: Process?
        var group: pid_t { process?.processIdentifier ?? 0 }
        var endpoint: String { "\(address):\(port)" }
    }

    private(set) var hosts: [Host] = []
    private let idleTimeoutMs: Int?

    /// Whether `xapian-tcpsrv` is installed (`scripts/test` installs xapian-tools).
    static var available: Bool { FileManager.default.isExecutableFile(atPath: tcpsrv) }
    static let tcpsrv = "/usr/bin/xapian-tcpsrv"

    /// Starts one server per database and waits until each accepts connections.
    init(databases: [String], idleTimeoutMs: Int? = nil) throws {
        OwnThreads.check("starting xapian-tcpsrv")
        self.idleTimeoutMs = idleTimeoutMs
        for (n, database) in databases.enumerated() {
            var host = Host(address: "127.0.0.\(n + 2)", port: Self.nextPort(), database: database)
            host.process = try start(host)
            hosts.append(host)
        }
    }

    deinit {
        for n in hosts.indices { kill(n) }
    }

    /// A `current` stub listing the hosts as remote shards, in order.
    var stub: String { hosts.map { "remote \($0.endpoint)\n" }.joined() }

    var endpoints: [ShardEndpoint] { hosts.map { .remote(host: $0.address, port: $0.port) } }

    /// The host dies: SIGKILL to its group (server and connection children).
    func kill(_ n: Int) {
        guard let process = hosts[n].process else { return }
        Glibc.kill(-process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        hosts[n].process = nil
    }

    /// The host freezes (SIGSTOP: it still accepts into its backlog but never answers) or thaws.
    func freeze(_ n: Int) { Glibc.kill(-hosts[n].group, SIGSTOP) }
    func thaw(_ n: Int) { Glibc.kill(-hosts[n].group, SIGCONT) }

    /// Starts a killed host again on the same address and port (serving another database, say a
    /// new generation's shard, when given).
    func restart(_ n: Int, database: String? = nil) throws {
        kill(n)
        if let database { hosts[n].database = database }
        hosts[n].process = try start(hosts[n])
    }

    private func start(_ host: Host) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        var arguments = ["-k", "5", "600", Self.tcpsrv, "--interface", host.address, "--port", "\(host.port)", "--quiet"]
        if let idleTimeoutMs { arguments += ["--idle-timeout", "\(idleTimeoutMs)"] }
        process.arguments = arguments + [host.database]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.accepts(host.address, host.port) { return process }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        Glibc.kill(-pid, SIGKILL)
        throw HostFailed(description: "xapian-tcpsrv did not start on \(host.endpoint) for \(host.database)")
    }

    /// Whether something accepts TCP connections there.
    static func accepts(_ address: String, _ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, address, &target.sin_addr)
        return withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Ports 20000-29999 by pid, 20 per test process, then onwards: each host gets its own, so
    /// suites running at once never collide (addresses differ too).
    static func nextPort() -> Int {
        portLock.withLock {
            defer { portsTaken += 1 }
            return 20000 + Int(getpid() % 500) * 20 + portsTaken % 20
        }
    }

    private static let portLock = NSLock()
    nonisolated(unsafe) private static var portsTaken = 0
}

/// A listener that accepts connections and never says a word: a host whose server hangs before
/// greeting (what a remote shard's connect/read timeouts are for).
final class SilentListener {
    let address: String
    let port: Int
    private let fd: Int32

    init(address: String) throws {
        self.address = address
        port = ShardHosts.nextPort()
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, address, &local.sin_addr)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // The kernel completes connections into the backlog: nobody needs to call accept.
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw HostFailed(description: "cannot listen on \(address):\(port)")
        }
    }

    deinit { close(fd) }

    var endpoint: ShardEndpoint { .remote(host: address, port: port) }
}

struct HostFailed: Error, CustomStringConvertible {
    let description: String
}
