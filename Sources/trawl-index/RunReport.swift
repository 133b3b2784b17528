import Foundation
import TrawlCommandLine
import TrawlCore

/// What a run prints. With `--json`, exactly one JSON object on stdout whatever happens, so a
/// script can parse every outcome: the summary with `"ok": true`, or
/// `{"ok": false, "error": {"code": ..., "message": ...}}` when nothing was done (exit status 2).
/// Messages and per-file failures also go to stderr, as without `--json`.
struct RunReport {
    let json: Bool

    /// Prints the error (and a hint) as every Trawl program does, and exits with status 2
    /// ("nothing done").
    func fail(code: String, _ message: String, hint: String? = nil) -> Never {
        report(code: code, message, hint: hint)
        exit(2)
    }

    /// `fail`'s output, without the exit.
    func report(code: String, _ message: String, hint: String? = nil) {
        if json {
            let text = message + (hint.map { "; " + $0 } ?? "")
            printJSON(Outcome(ok: false, body: Failure(error: .init(code: code, message: text))))
        }
        CommandMain.report(CommandFailure(message, hint: hint), of: TrawlIndex.self)
    }

    func summary(_ summary: IndexSummary) {
        for failure in summary.failures {
            let line = "trawl-index: \(TerminalText.escaped(failure.path)): \(TerminalText.escaped(failure.reason))\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        for warning in summary.warnings {
            let line = "trawl-index: \(TerminalText.escaped(warning.path)): warning: \(TerminalText.escaped(warning.reason))\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        if let notice = summary.notice { FileHandle.standardError.write(Data("trawl-index: warning: \(notice)\n".utf8)) }
        if json { return printJSON(Outcome(ok: true, body: summary)) }
        var kind = summary.rebuilt ? "rebuilt generation \(summary.generation)" : "generation \(summary.generation)"
        if let catchup = summary.catchup {
            kind += ", caught up with \(catchup.files) files (\(catchup.locked) under the live writer lock)"
        }
        print("\(summary.line) (\(kind), \(summary.documents) articles, \(String(format: "%.2f", summary.seconds)) s)")
    }

    func rollback(_ summary: RollbackSummary) {
        if json { return printJSON(Outcome(ok: true, body: summary)) }
        print(
            "rolled back: generation \(summary.generation) now serves the \(summary.documents) articles of generation"
                + " \(summary.restored); generation \(summary.replaced) is kept (--rollback again goes back to it)")
    }

    /// Sorted keys (stable for scripts and tests), and `/` as it is, not `\/`.
    private func printJSON(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data(#"{"ok":false}"#.utf8)
        print(String(decoding: data, as: UTF8.self))
    }
}

/// `ok` beside the fields of the body, in one object.
private struct Outcome<Body: Encodable>: Encodable {
    let ok: Bool
    let body: Body

    private enum Key: String, CodingKey { case ok }

    func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(ok, forKey: .ok)
    }
}

private struct Failure: Encodable {
    struct Details: Encodable {
        let code: String
        let message: String
    }
    let error: Details
}
