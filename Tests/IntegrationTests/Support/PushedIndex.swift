import Foundation
import TrawlClient

/// A `put`/`delete` test's set-up: `count` corpus articles indexed (as `shards` shards), and a
/// `trawld` that lets this process's user write, with the corpus folder as its articles root.
final class PushedIndex {
    let scratch: Scratch
    let corpus: ArticleCorpus
    let index: String
    /// The config file (indexing.shards) every program of the test takes.
    let config: String
    /// The environment that grants write access; `restart` keeps it.
    let environment: [String: String]
    private(set) var daemon: DaemonProcess

    init(articles count: Int, shards: Int = 1, environment extra: [String: String] = [:]) throws {
        scratch = try Scratch()
        corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<count)
        index = scratch.path + "/index"
        config = try scratch.write("indexing:\n  shards: \(shards)\n", to: "trawl.yaml")
        _ = try TestIndexes.build(articles: corpus.folder, index: index, extra: ["--config", config, "--rebuild"])
        environment = ["TRAWL_SOCKET_WRITE_UIDS": "\(getuid())", "TRAWL_ARTICLES_ROOT": corpus.folder].merging(extra) { $1 }
        daemon = try DaemonProcess(
            index: index, socket: scratch.path + "/s", extraArguments: ["--config", config], environment: environment)
    }

    func connect() throws -> Connection { try Connection(socketPath: daemon.socketPath) }

    /// A new trawld on the same index and socket (after the old one was killed or stopped).
    func restart() throws {
        daemon = try DaemonProcess(
            index: index, socket: daemon.socketPath, extraArguments: ["--config", config], environment: environment)
    }

    /// The folder pushed articles are stored in (the default).
    var ingestFolder: String { corpus.folder + "/pushed" }

    /// An article whose body holds the word `marker`.
    static func article(_ id: String, marker: String) -> [String: Any] {
        [
            "id": id, "title": "Pushed \(marker)", "body": "\(ArticleCorpus.commonWords) It mentions \(marker).",
            "date": "2026-11-30T08:15:00Z", "url": "https://wire.example/\(marker)", "source": "wire", "byline": "Ada Lovelace",
        ]
    }
}

extension Connection {
    /// `put` of `article`, the answer as an object.
    func put(_ article: [String: Any], wait: Bool = false) throws -> [String: Any] {
        try requestObject(["op": "put", "article": article, "wait": wait])
    }

    func delete(_ id: String, wait: Bool = true) throws -> [String: Any] {
        try requestObject(["op": "delete", "article": id, "wait": wait])
    }
}
