import Foundation
import TrawlClient
import Testing
import TrawlTestSupport

/// A real `trawld` on a temporary socket; killed on deinit if still running.
final class DaemonProcess {
    let process = Process()
    let socketPath: String
    let stderrPipe = Pipe()
    /// trawld's stderr, read as it comes so a chatty daemon never blocks on a full pipe.
    private let stderrLog = LogCollector()

    /// - Parameters:
    ///   - environment: added to the test's environment, from which every `TRAWL_*` variable is removed.
    /// `fileSizeLimit`: runs trawld under it (`FileSizeLimit`).
    init(
        index: String, socket: String, extraArguments: [String] = [], environment: [String: String] = [:],
        fileSizeLimit: Int? = nil
    ) throws {
        OwnThreads.check("waiting for trawld")
        socketPath = socket
        let arguments = ["--index", index, "--socket", socket] + extraArguments
        let command = fileSizeLimit.map { FileSizeLimit.command($0, Binaries.path("trawld"), arguments) }
            ?? (executable: Binaries.path("trawld"), arguments: arguments)
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        // No TRAWL_* settings from the developer's shell, and no config file (cwd is the scratch folder).
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAWL_") }
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardError = stderrPipe
        process.standardOutput = FileHandle.nullDevice
        // The socket's folder (or the nearest that exists: trawld creates the rest).
        var folder = (socket as NSString).deletingLastPathComponent
        while !FileManager.default.fileExists(atPath: folder) { folder = (folder as NSString).deletingLastPathComponent }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        try process.run()
        stderrLog.collect(from: stderrPipe.fileHandleForReading)
        try waitUntilConnectable()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var pid: pid_t { process.processIdentifier }

    /// For tests that measure the daemon's memory: when it is built with AddressSanitizer, keep
    /// freed memory out of quarantine (256 MB by default) so that RSS shows what is buffered.
    /// Other builds ignore the variable.
    static var measurableMemory: [String: String] {
        let options = ProcessInfo.processInfo.environment["ASAN_OPTIONS"].map { $0 + ":" } ?? ""
        return ["ASAN_OPTIONS": options + "quarantine_size_mb=1:thread_local_quarantine_size_kb=64"]
    }

    /// Everything trawld has written to stderr so far.
    var log: String { stderrLog.text }

    /// Waits until the log holds `text`; false after `timeout` seconds.
    func waitForLog(_ text: String, timeout: TimeInterval = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if log.contains(text) { return true }
            usleep(20_000)
        }
        return log.contains(text)
    }

    /// The daemon's resident memory now (VmRSS), in KiB.
    var residentKilobytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }

    private func waitUntilConnectable() throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            guard process.isRunning else {
                process.waitUntilExit()
                usleep(100_000)  // let the collector read the last words
                throw DaemonFailed(message: "trawld exited with \(process.terminationStatus): \(log)")
            }
            if (try? Connection(socketPath: socketPath)) != nil { return }
            usleep(20_000)
        }
        throw DaemonFailed(message: "trawld did not accept connections within 20 s")
    }

    /// One request line, one answer, on a fresh connection.
    func roundTrip(_ line: String) throws -> [String: Any] {
        let connection = try Connection(socketPath: socketPath)
        try connection.send(line: line)
        let answer = try connection.readLine()
        return (try JSONSerialization.jsonObject(with: Data(answer.utf8))) as? [String: Any] ?? [:]
    }

    /// How it ended, once it has: its exit status, or the signal that killed it.
    var ended: (status: Int32, bySignal: Bool)? {
        process.isRunning ? nil : (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    /// SIGTERM, then the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct DaemonFailed: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Reads a pipe to its end on a thread of its own, keeping what it read.
final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

    func collect(from handle: FileHandle) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }  // end of file: the process exited
                lock.withLock { bytes.append(contentsOf: chunk) }
            }
        }
        thread.start()
    }
}
