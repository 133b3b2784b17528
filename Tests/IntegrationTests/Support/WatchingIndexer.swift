import Foundation
import TrawlClient

/// A running `trawl-index --watch --json`, and the waits its tests need.
final class WatchingIndexer {
    let program: StartedProgram

    /// - Parameters:
    ///   - environment: added to the test's, from which every `TRAWL_*` variable is removed; nil: the test's own.
    ///   - fileSizeLimit: runs the watcher under it (`FileSizeLimit`).
    init(
        index: String, articles: String, _ extra: [String] = [], environment: [String: String]? = nil,
        fileSizeLimit: Int? = nil
    ) throws {
        let arguments = ["--watch", "--json", "--index", index] + extra + [articles]
        let command = fileSizeLimit.map { FileSizeLimit.command($0, Binaries.path("trawl-index"), arguments) }
            ?? (executable: Binaries.path("trawl-index"), arguments: arguments)
        let env = environment.map { added in
            ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAWL_") }.merging(added) { _, new in new }
        }
        program = try StartedProgram(command.executable, command.arguments, environment: env)
    }

    /// SIGTERM, then how it ended.
    func stop() -> Finished {
        kill(program.pid, SIGTERM)
        return program.finish()
    }

    /// Writes a file the way scrapers do: a hidden temporary name in the same folder, then a
    /// rename into place. Returns the moment of the rename.
    @discardableResult
    static func renameIntoPlace(_ text: String, at path: String) throws -> Date {
        let folder = (path as NSString).deletingLastPathComponent, name = (path as NSString).lastPathComponent
        let temporary = folder + "/." + name + ".tmp"
        try ArticleCorpus.writeFile(temporary, text)
        guard rename(temporary, path) == 0 else { throw InspectionFailed(description: "cannot rename \(temporary)") }
        return Date()
    }
}

extension Connection {
    /// Waits until a search for `query` finds exactly `ids`; how long that took, or nil after `timeout`.
    func waitForMatches(_ query: String, _ ids: [String], timeout: TimeInterval = 10) throws -> TimeInterval? {
        let started = Date()
        while Date().timeIntervalSince(started) < timeout {
            if try exactMatches(query).sorted() == ids.sorted() { return Date().timeIntervalSince(started) }
            usleep(20_000)
        }
        return nil
    }
}

/// A watch test's set-up: `count` articles indexed, a `trawld` serving them, a watcher on their
/// folder and a connection to the daemon.
final class WatchedIndex {
    let scratch: Scratch
    let corpus: ArticleCorpus
    let index: String
    let daemon: DaemonProcess
    var watcher: WatchingIndexer
    let connection: Connection

    init(articles count: Int) throws {
        scratch = try Scratch()
        corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<count)
        index = try TestIndexes.build(articles: corpus.folder, index: scratch.path + "/index")
        daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        watcher = try WatchingIndexer(index: index, articles: corpus.folder)
        connection = try Connection(socketPath: daemon.socketPath)
    }
}
