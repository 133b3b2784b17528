import ArgumentParser
import Foundation
import TrawlCommandLine
import TrawlCore

/// `trawl-index`: indexes the articles under ROOT into the index (incremental by default).
@main
struct TrawlIndex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trawl-index",
        abstract: "Index news articles for trawld.",
        discussion: """
            By default only new, changed and deleted files are processed. --rebuild builds a complete \
            new generation beside the live index and switches to it atomically (the nightly job).
            Exit status: 0 all done; 1 done, but some files failed (each is reported); 2 nothing done.
            """)

    /// Usage errors exit 2, like every Trawl error.
    static func main() async { await UsageErrorExit.main(Self.self) }

    @Option(help: "Config file (default: $TRAWL_CONFIG, else ./config/trawl.yaml if present).")
    var config: String?

    @Option(help: "Index folder (default: the configured index).")
    var index: String?

    @Flag(help: "Build a new generation from scratch and switch to it atomically.")
    var rebuild = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Option(help: "Writer threads for --rebuild, one shard each (default: the configured indexing.writers, else one per core).")
    var writers: Int?

    @Flag(help: "Let a rebuild that finds no articles replace a non-empty index.")
    var allowEmpty = false

    @Argument(help: "Folder of article files (default: the configured articles root).")
    var root: String?

    func run() async throws {
        var flags: [String: String] = [:]
        flags["index.path"] = index
        flags["articles.root"] = root
        flags["indexing.writers"] = writers.map(String.init)
        let settings: TrawlConfig
        do { settings = try await ConfigLoader.load(file: config, flags: flags) } catch {
            fail("trawl-index: \(error)")
        }
        let options = try makeOptions(settings)
        let summary: IndexSummary
        do { summary = try Indexer(options: options).run(rebuild: rebuild) } catch {
            ProgressBar.clear()
            let hint = FailureHint.hint(for: error, rebuild: rebuild).map { "\ntrawl-index: \($0)" } ?? ""
            fail("trawl-index: \(error)" + hint)
        }
        ProgressBar.clear()
        report(summary)
        if summary.failed > 0 { throw ExitCode(1) }
    }

    private func makeOptions(_ settings: TrawlConfig) throws -> IndexerOptions {
        var options = IndexerOptions(indexRoot: settings.indexPath, articlesRoot: settings.articlesRoot)
        options.stemLanguage = settings.stemLanguage
        options.synonymsFile = settings.synonymsFile
        options.allowEmpty = allowEmpty
        options.writers = settings.indexWriters
        options.timeZone = settings.indexTimeZone
        do {
            options.boilerplate = try BoilerplateRules(
                dropLines: settings.boilerplateDropLines, cutFrom: settings.boilerplateCutFrom)
        } catch {
            fail("trawl-index: boilerplate patterns in the config: \(error)")
        }
        if ProgressBar.isEnabled { options.progress = { ProgressBar.show($0) } }
        return options
    }

    private func report(_ summary: IndexSummary) {
        for failure in summary.failures {
            let line = "trawl-index: \(TerminalText.escaped(failure.path)): \(TerminalText.escaped(failure.reason))\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        for warning in summary.warnings {
            let line = "trawl-index: \(TerminalText.escaped(warning.path)): warning: \(TerminalText.escaped(warning.reason))\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = (try? encoder.encode(summary)) ?? Data("{}".utf8)
            print(String(decoding: data, as: UTF8.self))
        } else {
            let kind = summary.rebuilt ? "rebuilt generation \(summary.generation)" : "generation \(summary.generation)"
            print("\(summary.line) (\(kind), \(summary.documents) articles, \(String(format: "%.2f", summary.seconds)) s)")
        }
    }
}

/// Prints the message and exits with status 2 ("nothing done").
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}
