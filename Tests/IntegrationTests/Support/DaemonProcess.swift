import Foundation
import TrawlClient

/// A real `trawld` on a temporary socket; killed on deinit if still running.
final class DaemonProcess {
    let process = Process()
    let socketPath: String
    let stderrPipe = Pipe()

    init(index: String, socket: String, extraArguments: [String] = []) throws {
        socketPath = socket
        process.executableURL = URL(fileURLWithPath: Binaries.path("trawld"))
        process.arguments = ["--index", index, "--socket", socket] + extraArguments
        // No TRAWL_* settings from the developer's shell, and no config file (cwd is the scratch folder).
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAWL_") }
        process.standardError = stderrPipe
        process.standardOutput = FileHandle.nullDevice
        process.currentDirectoryURL = URL(fileURLWithPath: (socket as NSString).deletingLastPathComponent)
        try process.run()
        try waitUntilConnectable()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private func waitUntilConnectable() throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            guard process.isRunning else {
                let log = String(decoding: stderrPipe.fileHandleForReading.availableData, as: UTF8.self)
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
