import Foundation
import Testing
import TrawlTestSupport

/// The benchmark (Benchmarks/run) end to end on a tiny corpus with the binaries under test:
/// it must finish and write every row of results.md with a number in it. The figures themselves
/// are not checked; a full run is done by hand (`Benchmarks/run`), never by the test suite.
@Suite(.ownThreads, .serialized) struct BenchmarkSmokeTests {
    /// Rows of results.md whose first figure must be a number.
    static let requiredRows = [
        "index throughput (articles/s)", "index throughput (MB/s)", "indexer peak RSS (MB)", "index size on disk (MB)",
        "incremental run, unchanged corpus (articles/s checked)",
        "query latency p50 (ms), 1 client", "query latency p95 (ms), 1 client", "query latency p99 (ms), 1 client",
        "concurrency 1 clients: throughput (queries/s)", "concurrency 2 clients: throughput (queries/s)",
        "concurrency 8 clients: throughput (queries/s)", "concurrency 32 clients: throughput (queries/s)",
        "`trawl` one-shot whole process, p50 (ms)",
        "generation switch: rename of `current` to first new answer (ms)",
        "daemon RSS idle (MB)", "daemon RSS under load, peak sampled (MB)",
    ]

    /// `Benchmarks/run --tiny` with `options` and the binaries under test: its results.md, once it
    /// exited 0 and wrote `json` beside it.
    static func tinyRun(_ options: [String], writing json: String) throws -> String {
        let scratch = try Scratch()
        let out = scratch.path + "/results"
        let run = try runProgram(
            Binaries.repositoryRoot + "/Benchmarks/run",
            ["--tiny"] + options + ["--out", out, "--trawl-bin", Binaries.directory])
        #expect(run.status == 0, "\(run.stdout.suffix(2000)) \(run.stderr.suffix(2000))")
        #expect(FileManager.default.fileExists(atPath: out + "/" + json))
        return try String(contentsOfFile: out + "/results.md", encoding: .utf8)
    }

    @Test(.timeLimit(.minutes(5))) func tinyRunWritesEveryRow() throws {
        let markdown = try Self.tinyRun(["--no-plot"], writing: "results.json")
        for label in Self.requiredRows {
            let row = markdown.split(separator: "\n").first { $0.hasPrefix("| \(label) |") }
            let cells = row.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            let figure = cells.count > 1 ? Double(cells[1].replacingOccurrences(of: ",", with: "")) : nil
            #expect(figure != nil, "results.md has no number in row '\(label)'")
        }
        #expect(markdown.contains("| generation switch: failed queries / queries during rebuild | 0 / "))
        #expect(markdown.contains("## Targets"))
    }

    /// `--fresh` (issue 14's figures: `--watch` and `put` latency, puts/s, search with articles
    /// arriving and subscriptions) at the smoke size: every row of its table has figures, and each
    /// watch-latency step found articles. (Not all of them: on a machine kept busy by other processes,
    /// the watcher at nice 5 may take longer than the benchmark waits for one; the figures are not
    /// the test's.) About 100 s alone, 4 minutes beside the other suites in CI: the limit only
    /// catches a hang.
    @Test(.timeLimit(.minutes(10))) func tinyFreshRunWritesEveryRow() throws {
        let markdown = try Self.tinyRun(["--fresh"], writing: "fresh.json")
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| figure |") }
        #expect(rows.count >= 16, "\(markdown)")
        for row in rows {
            let value = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.dropFirst().first ?? ""
            #expect(value.contains(where: \.isNumber) && !value.contains("nan"), "no figure in: \(row)")
        }
        // "(found/written found)": each watch-latency step found articles.
        let watched = rows.filter { $0.contains(" found)") }
        #expect(watched.count == 3, "\(markdown)")
        for row in watched {
            let found = row.split(separator: "(").last?.split(separator: "/").first.flatMap { Int($0) } ?? 0
            #expect(found > 0, "no article was found: \(row)")
        }
    }
}
