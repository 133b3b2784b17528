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

    @Test(.timeLimit(.minutes(5))) func tinyRunWritesEveryRow() throws {
        let scratch = try Scratch()
        let out = scratch.path + "/results"
        let run = try runProgram(
            Binaries.repositoryRoot + "/Benchmarks/run",
            ["--tiny", "--no-plot", "--out", out, "--trawl-bin", Binaries.directory])
        #expect(run.status == 0, "\(run.stdout.suffix(2000)) \(run.stderr.suffix(2000))")

        let markdown = try String(contentsOfFile: out + "/results.md", encoding: .utf8)
        #expect(FileManager.default.fileExists(atPath: out + "/results.json"))
        for label in Self.requiredRows {
            let row = markdown.split(separator: "\n").first { $0.hasPrefix("| \(label) |") }
            let cells = row.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            let figure = cells.count > 1 ? Double(cells[1].replacingOccurrences(of: ",", with: "")) : nil
            #expect(figure != nil, "results.md has no number in row '\(label)'")
        }
        #expect(markdown.contains("| generation switch: failed queries / queries during rebuild | 0 / "))
        #expect(markdown.contains("## Targets"))
    }
}
