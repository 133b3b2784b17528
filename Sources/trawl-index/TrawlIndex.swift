import ArgumentParser
import Foundation
import TrawlCommandLine
import TrawlCore
import TrawlProtocol

/// `trawl-index`: indexes the articles under ROOT into the index (incremental by default).
@main
struct TrawlIndex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trawl-index",
        abstract: "Index news articles for trawld.",
        discussion: """
            By default only new, changed and deleted files are processed. --rebuild builds a complete \
            new generation beside the live index and switches to it atomically (the nightly job). \
            An incremental run from another root than the index was built from, or one that would \
            delete more than indexing.max_delete_share of the index (or all of it), does nothing.
            Exit status: 0 all done; 1 done, but some files failed (each is reported); 2 nothing done.
            """,
        version: TrawlVersion.string)

    /// Usage errors exit 2, like every Trawl error; with `--json`, as one JSON object too.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.contains("--json") {
            do { _ = try parseAsRoot(arguments) } catch where exitCode(for: error) != .success {
                RunReport(json: true).fail(code: "usage", message(for: error))
            } catch {}  // --help, --version: as without --json
        }
        await CommandMain.main(Self.self)
    }

    @Option(help: "Config file (default: $TRAWL_CONFIG, else ./config/trawl.yaml if present).")
    var config: String?

    @Option(help: "Index folder (default: the configured index).")
    var index: String?

    @Flag(help: "Build a new generation from scratch and switch to it atomically.")
    var rebuild = false

    @Flag(help: "Make the previous generation live again (under a new, higher generation number).")
    var rollback = false

    @Flag(help: "Stay running: index files as they are written, renamed into place or deleted (SIGTERM ends it).")
    var watch = false

    @Flag(help: "Print the outcome as one JSON object (also when nothing was done).")
    var json = false

    @Option(help: "Writer threads for --rebuild, each filling databases of its own (default: the configured indexing.writers, else one per core).")
    var writers: Int?

    @Flag(help: "Let a rebuild that finds no articles replace a non-empty index.")
    var allowEmpty = false

    @Flag(help: "Let an incremental run index another root than the index was built from.")
    var allowRootChange = false

    @Flag(help: "Let an incremental run delete more than indexing.max_delete_share of the index, or all of it.")
    var allowMassDelete = false

    @Argument(help: "Folder of article files (default: the configured articles root).")
    var root: String?

    func validate() throws {
        if rollback, rebuild || root != nil || watch {
            throw ValidationError("--rollback takes no ROOT and cannot be combined with --rebuild or --watch")
        }
        if watch, rebuild {
            throw ValidationError("--watch cannot be combined with --rebuild (run the rebuild beside the watcher)")
        }
    }

    func run() async throws {
        let report = RunReport(json: json)
        var flags: [String: String] = [:]
        flags["index.path"] = index
        flags["articles.root"] = root
        flags["indexing.writers"] = writers.map(String.init)
        let settings: TrawlConfig
        do { settings = try await ConfigLoader.load(file: config, flags: flags) } catch {
            report.fail(code: "bad_config", "\(error)")
        }
        for warning in EnvironmentCheck.warnings(ProcessInfo.processInfo.environment) {
            FileHandle.standardError.write(Data("trawl-index: warning: \(warning)\n".utf8))
        }
        let indexer = Indexer(options: makeOptions(settings, report: report))
        // A watcher updates its index in place for its whole life, also when its first pass has
        // to build the index: the environment cannot change once threads run.
        let inPlace = !rollback && (watch || indexer.updatesInPlace(rebuild: rebuild))
        Changesets.decide(updatesInPlace: inPlace)
        reportEscapedEngineErrors(layout: indexer.layout, rebuilds: !rollback && !inPlace, report: report)
        if rollback {
            do { report.rollback(try indexer.rollback()) } catch { report.fail(code: error.code, "\(error)") }
            return
        }
        if watch { return try runWatching(indexer, report: report) }
        let summary: IndexSummary
        do { summary = try indexer.run(rebuild: rebuild) } catch {
            ProgressBar.clear()
            report.fail(code: error.code, "\(error)", hint: FailureHint.hint(for: error, rebuild: rebuild))
        }
        ProgressBar.clear()
        report.summary(summary)
        if summary.failed > 0 { throw ExitCode(1) }
    }

    /// `--watch`: one summary per batch (with `--json`, one object per line) until SIGTERM or SIGINT.
    private func runWatching(_ indexer: Indexer, report: RunReport) throws {
        let watcher: Watcher
        do { watcher = try Watcher(indexer: indexer) } catch { report.fail(code: error.code, "\(error)") }
        let stopper = watcher.stopper
        let signals = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { stopper.stop() }
            source.resume()
            return source
        }
        defer { withExtendedLifetime(signals) {} }
        // Indexing yields the CPU to searches, guarded against starving (WatchPriority); after the
        // signal handlers, so that a SIGTERM from then on ends the watcher cleanly.
        if let notice = WatchPriority.yieldToSearches() { FileHandle.standardError.write(Data("trawl-index: note: \(notice)\n".utf8)) }
        let printed: (IndexSummary) -> Void = { summary in
            report.summary(summary)
            fflush(nil)  // a line per batch as it happens, also into a pipe or the journal
        }
        watcher.notice = { message in FileHandle.standardError.write(Data("trawl-index: \(message)\n".utf8)) }
        do { try watcher.run(report: printed) } catch {
            report.fail(code: error.code, "\(error)", hint: FailureHint.hint(for: error, rebuild: false))
        }
    }

    /// A write failure that Xapian lets escape (`EscapedEngineError`) is reported like any failed
    /// write, with the same hint; a rebuild's unfinished generation goes first, as when it fails
    /// the normal way. Exits at once: the engine cannot be used any more.
    private func reportEscapedEngineErrors(layout: IndexLayout, rebuilds: Bool, report: RunReport) {
        let rebuild = rebuild
        EscapedEngineError.onEscape { description in
            if rebuilds { layout.removeUnfinishedRebuilds() }
            ProgressBar.clear()
            let error = IndexerError.index(.storage(path: layout.root, detail: description))
            report.report(code: error.code, "\(error)", hint: FailureHint.hint(for: error, rebuild: rebuild))
            fflush(nil)
            _exit(2)
        }
    }

    private func makeOptions(_ settings: TrawlConfig, report: RunReport) -> IndexerOptions {
        var options: IndexerOptions
        do { options = try IndexerOptions(config: settings) } catch { report.fail(code: "bad_config", "\(error)") }
        options.allowEmpty = allowEmpty
        options.allowRootChange = allowRootChange
        options.allowMassDelete = allowMassDelete
        if ProgressBar.isEnabled, !watch { options.progress = { ProgressBar.show($0) } }
        return options
    }
}
