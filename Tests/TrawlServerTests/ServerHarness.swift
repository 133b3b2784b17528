import Foundation
import Logging
import ServiceLifecycle
import TrawlCore

@testable import TrawlServer
import TrawlTestSupport

/// Test support: temporary folders with short paths (sun_path is ~100 bytes), tiny indexes
/// built by the tests' one index builder, and an in-process daemon run in a `ServiceGroup`.
enum Harness {
    static let logger: Logger = {
        var logger = Logger(label: "trawld-test") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        return logger
    }()

    /// A new empty folder like `/tmp/tw-Ab12Cd`.
    static func temporaryDirectory() throws -> String { try TemporaryFolder.make() }

    static func removeDirectory(_ path: String) { TemporaryFolder.remove(path) }

    /// Settings for a daemon serving `<dir>/index` on `<dir>/s.sock`.
    static func config(_ dir: String) -> TrawlConfig {
        var config = TrawlConfig(base: dir)
        config.socket.path = dir + "/s.sock"
        config.workers = 2
        config.queueSize = 16
        config.limits.maxRequestBytes = 4096
        return config
    }

    /// An article in the JSON article format.
    static func article(_ id: String, title: String, body: String, source: String = "bbc") -> [String: String] {
        ["id": id, "title": title, "body": body, "url": "https://example.com/\(id)", "source": source, "date": "2025-05-15T11:13:00Z"]
    }

    /// The articles and the index of `root`, for the tests' one index builder; the files live in
    /// `<root>-articles`.
    static func archive(_ root: String) throws -> IndexFixture {
        try IndexFixture(articles: root + "-articles", index: root)
    }

    /// `articles` indexed by a rebuild, as the nightly job makes one: generation `n` of `root`.
    static func buildGeneration(_ n: Int, root: String, articles: [[String: String]]) throws {
        let archive = try archive(root)
        try archive.removeAllArticles()
        for article in articles { try archive.write(article: article) }
        let built = try archive.index(rebuild: true).generation
        guard built == n else { throw POSIXFailure("the rebuild made generation \(built), not \(n)") }
    }

    static let storms = [
        article("storm-1.txt", title: "Storm hits the coast", body: "A great storm hit the coast overnight. Crossings were closed."),
        article("storm-2.txt", title: "Storm clean-up begins", body: "After the storm, the clean-up of the coast began.", source: "sky"),
        article("markets.txt", title: "Markets rally", body: "Shares rose sharply as markets rallied on Friday."),
    ]

    /// Runs a daemon for `config` while `body` runs, then shuts it down gracefully (as on SIGTERM).
    /// Daemon and body run on threads of their own (see `ThreadPerJobExecutor`): the integration
    /// tests in this same process block their threads for seconds, which starved the daemon.
    static func withServer(_ config: TrawlConfig, _ body: (String) async throws -> Void) async throws {
        try await withTaskExecutorPreference(ThreadPerJobExecutor.shared) { try await runServer(config, body) }
    }

    private static func runServer(_ config: TrawlConfig, _ body: (String) async throws -> Void) async throws {
        let (ready, readyContinuation) = AsyncStream<String>.makeStream()
        let daemon = DaemonService(config: config, logger: logger) { readyContinuation.yield($0) }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { readyContinuation.finish() }  // a daemon that fails to start ends the wait
                try await group.run()
            }
            var readiness = ready.makeAsyncIterator()
            guard let path = await readiness.next() else {
                try await tasks.waitForAll()  // rethrows the startup error
                throw DaemonStartupError("the daemon stopped before it was ready")
            }
            do {
                try await body(path)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
    static func eventually(within timeout: Duration, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}
