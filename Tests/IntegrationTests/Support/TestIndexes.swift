import Foundation
import TrawlTestSupport

/// Indexes built by the real `trawl-index` for the daemon tests.
enum TestIndexes {
    /// Six articles with sources, dates, a byline and two copies of one story, so that every
    /// search field has something to show: "hubs" matches hubs-1, hubs-2 (same body) and
    /// undated; hubs-1 is bbc 2025-05-15, hubs-2 sky 2025-05-16.
    static let news: [[String: String]] = [
        [
            "id": "uk/hubs-1", "title": "Return hubs plan announced", "source": "bbc", "date": "2025-05-15T11:13:00Z",
            "byline": "Jane Reporter", "url": "https://www.bbc.co.uk/news/hubs-1", "body": hubsStory,
        ],
        ["id": "uk/hubs-2", "title": "Ministers unveil return hubs", "source": "sky", "date": "2025-05-16T09:00:00Z", "body": hubsStory],
        [
            "id": "notes/undated", "title": "What return hubs are",
            "body": "An explainer with no date and no source. Return hubs hold people whose asylum claims failed.",
        ],
        [
            "id": "world/storm", "title": "Storm batters the coast", "source": "itv", "date": "2024-03-01T08:00:00Z",
            "body": "A storm brought high winds and flooding to the coast overnight, and thousands lost power.",
        ],
        [
            "id": "world/markets", "title": "Markets rally on trade hopes", "source": "bbc", "date": "2025-06-01T12:00:00Z",
            "body": "Shares rose sharply as traders bet on a new trade deal between the two largest economies.",
        ],
        [
            "id": "world/flood", "title": "Flood warnings after the storm", "source": "sky", "date": "2023-11-20T10:00:00Z",
            "body": "Rivers burst their banks after the storm, and the agency issued flood warnings for the valley.",
        ],
    ]

    private static let hubsStory = """
        The government announced return hubs for failed asylum seekers on Thursday. Ministers said the \
        return hubs would be built in third countries and that talks with several governments had begun. \
        Critics said the plan would be costly and hard to run, and charities warned about conditions in \
        the hubs. The prime minister said the scheme would deter dangerous crossings of the Channel.
        """

    /// `news` as a JSONL file in `<scratch>/articles`, indexed into `<scratch>/index`.
    static func indexNews(in scratch: Scratch) throws -> String {
        let lines = try news.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        return try index(files: ["news.jsonl": lines.joined(separator: "\n") + "\n"], in: scratch)
    }

    /// The five seed articles of the repository, indexed into `<scratch>/index`.
    static func indexSeeds(in scratch: Scratch) throws -> String {
        try build(articles: try scratch.seedArticles(), index: scratch.path + "/index")
    }

    /// Writes `files` into `<scratch>/articles` and indexes them into `<scratch>/index`.
    static func index(files: [String: String], in scratch: Scratch) throws -> String {
        let articles = scratch.path + "/articles"
        try FileManager.default.createDirectory(atPath: articles, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: articles + "/" + name, atomically: false, encoding: .utf8) }
        return try build(articles: articles, index: scratch.path + "/index")
    }

    static func build(articles: String, index: String, extra: [String] = []) throws -> String {
        let run = try runProgram(Binaries.path("trawl-index"), ["--index", index] + extra + [articles])
        guard run.status == 0 else { throw DaemonFailed(message: "trawl-index failed (\(run.status)): \(run.stderr)") }
        return index
    }
}

/// Four hundred articles of made-up words, built once per test process and removed at exit:
/// enough that a search for a few wildcards with facets and snippets takes tens of
/// milliseconds (hundreds with snippets), for tests that need the workers busy.
enum GeneratedCorpus {
    /// A search that keeps a worker busy: seven wildcards, each expanding to 500 words, with
    /// facets and 400 snippets. `id` is JSON text.
    static func expensiveSearch(id: String) -> String {
        #"{"id":\#(id),"op":"search","q":"k* OR r* OR m* OR b* OR d* OR f* OR g*","limit":1000,"facets":["source","year","month"]}"#
    }

    /// The index folder; throws if it could not be built.
    static func index() throws -> String {
        guard let path = built.path else { throw DaemonFailed(message: built.problem) }
        return path
    }

    private struct Built: Sendable {
        var path: String?
        var problem = ""
    }

    private static let folder = "/tmp/trawl-it-corpus-\(getpid())"

    private static let built: Built = {
        atexit { try? FileManager.default.removeItem(atPath: GeneratedCorpus.folder) }
        do {
            try FileManager.default.createDirectory(atPath: folder + "/articles", withIntermediateDirectories: true)
            try articles(count: 400).write(toFile: folder + "/articles/corpus.jsonl", atomically: false, encoding: .utf8)
            return Built(path: try TestIndexes.build(articles: folder + "/articles", index: folder + "/index"))
        } catch {
            return Built(path: nil, problem: "cannot build the generated corpus: \(error)")
        }
    }()

    /// JSONL of `count` articles: 300 words each from 20,000 made-up words, four sources, dates 2010-2025.
    static func articles(count: Int) -> String {
        var random = SplitMix64(seed: 7)
        let syllables = ["ka", "ro", "mi", "ta", "ne", "lo", "vi", "sa", "du", "pe", "zo", "ri", "ba", "ku", "fe", "gi"]
        let vocabulary = (0..<20_000).map { _ in
            (0..<Int.random(in: 2...4, using: &random)).map { _ in syllables.randomElement(using: &random)! }.joined()
        }
        let sources = ["bbc", "sky", "itv", "cnn"]
        func words(_ n: Int) -> String {
            (0..<n).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ")
        }
        return (0..<count).map { number in
            let date = String(
                format: "20%02d-%02d-%02dT10:00:00Z", Int.random(in: 10...25, using: &random), Int.random(in: 1...12, using: &random),
                Int.random(in: 1...28, using: &random))
            let source = sources.randomElement(using: &random)!
            return #"{"id":"g\#(number)","title":"\#(words(6))","source":"\#(source)","date":"\#(date)","body":"\#(words(300))"}"#
        }.joined(separator: "\n") + "\n"
    }
}

extension Scratch {
    /// Writes a file in the scratch folder and returns its path (for config files).
    func write(_ text: String, to name: String) throws -> String {
        let path = self.path + "/" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }
}
