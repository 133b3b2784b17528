import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import TrawlCommandLine
import TrawlCore
import TrawlServer
import TrawlProtocol

/// `trawld`: serves Trawl searches over a Unix socket in the foreground until SIGTERM or
/// SIGINT (exit 0 after a clean shutdown). SIGHUP reopens the index.
@main
struct Trawld: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trawld",
        abstract: "Serve full-text searches of the Trawl index over a Unix socket.",
        discussion: """
            Speaks newline-delimited JSON (see PROTOCOL.md). Picks up a new index generation by \
            itself within a second; SIGHUP or the `reload` op forces it. Starts even before an \
            index exists, and serves it once `trawl-index` has built one.
            """,
        version: TrawlVersion.string)

    /// Usage errors exit 2, like every Trawl error.
    static func main() async { await CommandMain.main(Self.self) }

    @Option(help: "Config file (default: $TRAWL_CONFIG, else ./config/trawl.yaml if present).")
    var config: String?

    @Option(help: "Index folder (default: the configured index).")
    var index: String?

    @Option(help: "Socket path (default: $TRAWL_SOCKET, else the configured socket).")
    var socket: String?

    @Option(help: "Reader threads (default: one per core).")
    var workers: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let settings = try await loadConfiguration()
        let level = Logger.Level(rawValue: settings.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "trawld")
        for warning in EnvironmentCheck.warnings(ProcessInfo.processInfo.environment) {
            logger.warning("\(warning)")
        }
        // NOTE: a shell starts background jobs with SIGINT ignored, and children inherit that;
        // the contract is that SIGINT stops the daemon gracefully, so take it back.
        signal(SIGINT, SIG_DFL)
        // A commit of pushed articles that runs out of disk can make Xapian abort the process;
        // then say so and why, and exit with the status of a failed start (a supervisor restarts it).
        EscapedEngineError.onEscape { description in
            let roomless = description.contains("No space left on device") || description.contains("File too large")
            let advice = roomless ? "free space on the index's file system, then start trawld again" : "start trawld again"
            logger.critical("the index engine failed and cannot go on (\(description)); trawld stops, the index keeps its last commit; \(advice)")
            _exit(1)
        }
        let daemon = DaemonService(config: settings, logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Requests in flight get this long to finish (a client that stops reading must not
        // hold the shutdown forever); then the remaining work is cancelled.
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        let group = ServiceGroup(configuration: configuration)
        do {
            try await group.run()
        } catch {
            logger.critical("trawld cannot run: \(error)")
            throw ExitCode(1)
        }
    }

    /// THE one place settings are loaded: defaults < config file < TRAWL_* environment < flags.
    private func loadConfiguration() async throws -> TrawlConfig {
        var flags: [String: String] = [:]
        flags["index.path"] = index
        flags["socket.path"] = socket
        flags["server.workers"] = workers.map(String.init)
        flags["log.level"] = logLevel
        do {
            return try await ConfigLoader.load(file: config, flags: flags)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
