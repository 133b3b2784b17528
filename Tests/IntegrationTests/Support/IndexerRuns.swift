import Foundation

/// One finished `trawl-index --json` run: exit status, the decoded summary, stderr.
struct IndexerRun {
    let status: Int32
    let summary: [String: Any]
    let stderr: String

    /// `failures` of the summary, path -> reason.
    var failures: [String: String] {
        let list = summary["failures"] as? [[String: Any]] ?? []
        return Dictionary(
            list.compactMap { entry in (entry["path"] as? String).map { ($0, entry["reason"] as? String ?? "") } },
            uniquingKeysWith: { first, _ in first })
    }

    func count(_ field: String) -> Int { summary[field] as? Int ?? -1 }
}

/// Runs `trawl-index --json --index INDEX [extra] ARTICLES` to the end; gives up (and kills it)
/// after `timeout` seconds, so that a hang fails the test instead of stalling the suite.
func runIndexer(index: String, articles: String, _ extra: [String] = [], timeout: TimeInterval = 120) throws -> IndexerRun {
    let run = try runProgramUntil(
        Binaries.path("trawl-index"), ["--json", "--index", index] + extra + [articles], timeout: timeout)
    let summary = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
    return IndexerRun(status: run.status, summary: summary, stderr: run.stderr)
}

/// Like `runProgram`, with a deadline: past it the program is killed and the call throws.
/// Output goes through files, so a chatty program never blocks on a full pipe.
func runProgramUntil(
    _ executable: String, _ arguments: [String], timeout: TimeInterval, environment: [String: String]? = nil
) throws -> Finished {
    let started = try StartedProgram(executable, arguments, environment: environment)
    let deadline = Date().addingTimeInterval(timeout)
    while started.process.isRunning {
        if Date() > deadline {
            started.kill()
            throw ProgramRunError(description: "\(executable) \(arguments) still ran after \(Int(timeout)) s")
        }
        usleep(10_000)
    }
    return started.finish()
}

struct ProgramRunError: Error, CustomStringConvertible {
    let description: String
}

/// A program running in the background, its output collected in files; killed on deinit.
final class StartedProgram {
    let process = Process()
    private let outputPath: String
    private let errorPath: String

    init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        let stem = NSTemporaryDirectory() + "trawl-run-\(UUID().uuidString)"
        outputPath = stem + ".out"
        errorPath = stem + ".err"
        guard FileManager.default.createFile(atPath: outputPath, contents: nil),
            FileManager.default.createFile(atPath: errorPath, contents: nil)
        else { throw ProgramRunError(description: "cannot create \(stem).out/.err") }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
    }

    deinit {
        if process.isRunning { kill() }
        try? FileManager.default.removeItem(atPath: outputPath)
        try? FileManager.default.removeItem(atPath: errorPath)
    }

    var pid: pid_t { process.processIdentifier }

    /// SIGKILL, and wait for the process to be gone.
    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// What it has written so far, while it runs.
    var written: (stdout: String, stderr: String) {
        ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "", (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    /// Waits for the exit; status and everything written.
    func finish() -> Finished {
        process.waitUntilExit()
        let stdout = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Finished(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// Articles `numbers` of an `ArticleCorpus` in `<scratch>/articles`, rebuilt by the real
/// `trawl-index` into `<scratch>/index` as `shards` shards (the config file says so).
struct ShardedScratchIndex {
    let corpus: ArticleCorpus
    let index: String
    /// `--config` for runs that keep the shard count.
    let config: String

    init(_ scratch: Scratch, articles numbers: Range<Int>, shards: Int) throws {
        corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(numbers)
        index = scratch.path + "/index"
        config = try scratch.write("indexing:\n  shards: \(shards)\n", to: "trawl.yaml")
        let built = try runIndexer(index: index, articles: corpus.folder, ["--config", config, "--rebuild"])
        guard built.status == 0 else { throw ProgramRunError(description: "the rebuild failed: \(built.stderr)") }
    }
}
