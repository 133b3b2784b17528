import Foundation
@testable import TrawlCore

/// A temporary folder with an articles root and an index root, removed on deinit.
final class IndexFixture {
    let directory: String
    var articles: String { directory + "/articles" }
    var index: String { directory + "/index" }
    var layout: IndexLayout { IndexLayout(root: index) }

    /// Starts with copies of the seed articles (or none).
    init(withSeeds: Bool = true) throws {
        directory = NSTemporaryDirectory() + "trawl-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: articles, withIntermediateDirectories: true)
        if withSeeds {
            for name in Seeds.names {
                try FileManager.default.copyItem(atPath: Seeds.directory.path + "/" + name, toPath: articles + "/" + name)
            }
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func write(_ relativePath: String, _ text: String) throws {
        let path = articles + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    func remove(_ relativePath: String) throws { try FileManager.default.removeItem(atPath: articles + "/" + relativePath) }

    @discardableResult
    func index(rebuild: Bool = false, writers: Int? = nil) throws -> IndexSummary {
        var options = IndexerOptions(indexRoot: index, articlesRoot: articles)
        if let writers { options.writers = writers }
        return try Indexer(options: options).run(rebuild: rebuild)
    }

    func reader() throws -> IndexReader { try IndexReader(path: layout.currentStub) }

    func ids(_ query: String, configure: (inout SearchQuery) -> Void = { _ in }) throws -> [String] {
        var search = SearchQuery(text: query)
        search.limit = 100
        configure(&search)
        return try reader().search(search).hits.map(\.id)
    }
}
