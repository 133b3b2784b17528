import Foundation

/// Sixteen articles that all mention "ferry", for the CLI's tests: sources AP (4), Reuters (3)
/// and bbc (9); months 2024-12 (8), 2025-01 (2), 2025-02 (5) and 2025-03 (1), so that the
/// month facet's date order differs from its count order; one id with spaces that starts with
/// a dash (which `trawl get` reads as options unless it follows `--`).
enum FerryCorpus {
    static let total = 16
    static let spacedID = "-wire/ferry story 15"

    static var articles: [[String: String]] {
        let sources = Array(repeating: "AP", count: 4) + Array(repeating: "Reuters", count: 3) + Array(repeating: "bbc", count: 9)
        let months = Array(repeating: "2024-12", count: 8) + Array(repeating: "2025-01", count: 2)
            + Array(repeating: "2025-02", count: 5) + ["2025-03"]
        return (0..<total).map { number in
            let day = number % 28 + 1
            return [
                "id": number == 15 ? spacedID : "ferry-\(number)",
                "title": number == 15 ? "A spaced ferry story" : "Harbour report number \(number)",
                "source": sources[number], "date": "\(months[number])-\(day < 10 ? "0" : "")\(day)T10:00:00Z",
                "body": "The ferry crossed the strait in calm weather, said report \(number) from the harbour.",
            ]
        }
    }

    /// The corpus indexed into `<scratch>/index`.
    static func index(in scratch: Scratch) throws -> String {
        let lines = try articles.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        return try TestIndexes.index(files: ["ferry.jsonl": lines.joined(separator: "\n") + "\n"], in: scratch)
    }
}

/// Runs `trawl` against a socket, with no `TRAWL_*` settings from the developer's shell.
func runTrawl(_ arguments: [String], socket: String?, environment: [String: String] = [:]) throws -> Finished {
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAWL_") && $0.key != "NO_COLOR" }
    env.merge(environment) { _, new in new }
    return try runProgram(Binaries.path("trawl"), arguments + (socket.map { ["--socket", $0] } ?? []), environment: env)
}

extension Finished {
    /// stdout's lines, without the last newline.
    var lines: [Substring] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
}
