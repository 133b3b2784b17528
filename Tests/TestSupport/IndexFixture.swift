import Foundation
import TrawlCore

/// The tests' one index builder: article files in one folder, indexed into another in process by
/// TrawlCore's `Indexer`, exactly as `trawl-index` indexes them (the integration tests run the
/// real `trawl-index` over the same layout). Incremental runs and rebuilds make generations the
/// way the nightly job does.
public final class IndexFixture {
    public let articles: String
    public let index: String
    /// The folder holding both (for other scratch files of a test).
    public let directory: String
    /// Whether `directory` is this fixture's own, removed on deinit.
    private let ownsDirectory: Bool

    public var layout: IndexLayout { IndexLayout(root: index) }

    /// A new temporary folder with `articles/` and `index/`, removed on deinit; the articles start
    /// as copies of the seed articles, or none.
    public init(withSeeds: Bool = true) throws {
        directory = try TemporaryFolder.make()
        ownsDirectory = true
        articles = directory + "/articles"
        index = directory + "/index"
        try FileManager.default.createDirectory(atPath: articles, withIntermediateDirectories: true)
        if withSeeds {
            for name in Seeds.names {
                try FileManager.default.copyItem(atPath: Seeds.directory.path + "/" + name, toPath: articles + "/" + name)
            }
        }
    }

    /// Folders the caller owns (an index a daemon under test serves, say); kept on deinit.
    public init(articles: String, index: String) throws {
        directory = (index as NSString).deletingLastPathComponent
        ownsDirectory = false
        self.articles = articles
        self.index = index
        try FileManager.default.createDirectory(atPath: articles, withIntermediateDirectories: true)
    }

    deinit { if ownsDirectory { TemporaryFolder.remove(directory) } }

    public func write(_ relativePath: String, _ text: String) throws {
        let path = articles + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// One article as a `.json` file named by its `id` (fields as in the JSON article format).
    public func write(article fields: [String: String]) throws {
        let json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        try write((fields["id"] ?? UUID().uuidString) + ".json", String(decoding: json, as: UTF8.self))
    }

    public func remove(_ relativePath: String) throws { try FileManager.default.removeItem(atPath: articles + "/" + relativePath) }

    /// Removes every article file.
    public func removeAllArticles() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: articles) {
            try FileManager.default.removeItem(atPath: articles + "/" + name)
        }
    }

    @discardableResult
    public func index(rebuild: Bool = false, writers: Int? = nil, shards: Int? = nil) throws -> IndexSummary {
        var options = IndexerOptions(indexRoot: index, articlesRoot: articles)
        if let writers { options.writers = writers }
        if let shards { options.shards = shards }
        return try Indexer(options: options).run(rebuild: rebuild)
    }

    /// The live generation: `current`, and its lexicon when it has one.
    public func reader() throws -> IndexReader {
        try IndexReader(path: layout.currentStub, lexicon: layout.currentGeneration().flatMap(layout.lexiconPath(generation:)))
    }

    /// The ids `query` finds (up to 100), in rank order.
    public func ids(_ query: String, configure: (inout SearchQuery) -> Void = { _ in }) throws -> [String] {
        var search = SearchQuery(text: query)
        search.limit = 100
        configure(&search)
        return try reader().search(search).hits.map(\.id)
    }
}
