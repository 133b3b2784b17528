import Foundation
import Testing
import TrawlTestSupport

/// Where the built executables are: $TRAWL_BIN_DIR, else beside the test bundle, else .build/debug.
enum Binaries {
    static let directory: String = {
        if let dir = ProcessInfo.processInfo.environment["TRAWL_BIN_DIR"] { return dir }
        var candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("trawl-index").path) {
                return candidate.path
            }
            candidate.deleteLastPathComponent()
        }
        return repositoryRoot + "/.build/debug"
    }()

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func path(_ name: String) -> String { directory + "/" + name }
}

/// The result of running a program to completion.
struct Finished {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a program and waits; stdin is empty.
@discardableResult
func runProgram(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Finished {
    OwnThreads.check("running \(executable)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read before waiting so a full pipe never blocks the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Finished(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}

/// A temporary folder with short paths (Unix socket paths must stay under 108 bytes).
final class Scratch {
    let path: String

    init() throws { path = try TemporaryFolder.make() }

    deinit { TemporaryFolder.remove(path) }

    /// Copies the five seed articles into `<path>/articles`.
    func seedArticles() throws -> String {
        let articles = path + "/articles"
        try FileManager.default.createDirectory(atPath: articles, withIntermediateDirectories: true)
        let seeds = Binaries.repositoryRoot + "/seeds"
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds) {
            try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: articles + "/" + name)
        }
        return articles
    }
}
