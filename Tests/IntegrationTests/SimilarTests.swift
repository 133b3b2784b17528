import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `similar` through the real daemon and `trawl similar`: the five seeds (one story from five
/// outlets) among sixteen unrelated ferry reports.
@Suite(.ownThreads, .serialized) struct SimilarTests {
    let scratch: Scratch
    let daemon: DaemonProcess
    static let seed = "003_d31b54c3e87b35a3.txt"
    static let otherSeeds: Set = [
        "000_a577873e2491d8f5.txt", "001_b053db553f314cb7.txt", "002_5f7415eda35cdc68.txt", "004_942c03c566ac67b7.txt",
    ]

    init() throws {
        scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let ferries = try FerryCorpus.articles.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }
        try (ferries.joined(separator: "\n") + "\n").write(toFile: articles + "/ferry.jsonl", atomically: false, encoding: .utf8)
        daemon = try DaemonProcess(index: try TestIndexes.build(articles: articles, index: scratch.path + "/index"), socket: scratch.path + "/s")
    }

    func similar(_ fields: [String: Any]) throws -> [String: Any] {
        try Connection(socketPath: daemon.socketPath).requestObject(fields.merging(["op": "similar"]) { old, _ in old })
    }

    func ids(_ answer: [String: Any]) -> [String] {
        (answer["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func theOtherSeedsComeFirstInTheShapeOfASearch() throws {
        let answer = try similar(["id": 5, "article": Self.seed, "limit": 20])
        #expect(answer.isOK && answer["id"] as? Int == 5, "\(answer)")
        let found = ids(answer)
        #expect(Set(found.prefix(4)) == Self.otherSeeds, "\(found)")
        #expect(!found.contains(Self.seed))
        let first = (answer["hits"] as? [[String: Any]])?.first ?? [:]
        #expect(first["rank"] as? Int == 1 && first["score"] as? Double != nil && first["percent"] as? Int != nil)
        #expect(first["title"] is String && first["snippet"] is String)
        #expect(answer["total"] is [String: Any] && answer["generation"] as? Int == 1 && answer["took_ms"] as? Double != nil)
    }

    @Test func theFiltersOfSearchApply() throws {
        // Of the seeds only 002 names its source (bbc); nine ferry reports are bbc's too.
        let bbc = ids(try similar(["article": Self.seed, "source": "bbc", "limit": 20]))
        #expect(bbc.first == "002_5f7415eda35cdc68.txt" && bbc.dropFirst().allSatisfy { $0.contains("ferry") }, "\(bbc)")
        #expect(ids(try similar(["article": Self.seed, "limit": 2])).count == 2)
        #expect(ids(try similar(["article": Self.seed, "q": "ferry", "since": "2025-05-15", "until": "2025-05-15"])).allSatisfy {
            Self.otherSeeds.contains($0)
        })
    }

    @Test func unknownAndMissingArticles() throws {
        let unknown = try similar(["id": 1, "article": "nope.txt"])
        #expect(unknown.errorCode == "not_found" && unknown.errorMessage?.contains("nope.txt") == true, "\(unknown)")
        let missing = try similar(["id": 2])
        #expect(missing.errorCode == "bad_request" && missing.errorMessage?.hasPrefix("article") == true)
        // By date the hits would be every article sharing one telling word: refused, saying why.
        let sorted = try similar(["article": Self.seed, "sort": "newest"])
        #expect(sorted.errorCode == "bad_request" && sorted.errorMessage?.hasPrefix("sort must be relevance") == true, "\(sorted)")
        #expect(try similar(["article": Self.seed, "sort": "relevance"]).isOK)
    }

    @Test func theCLIListsSimilarArticles() throws {
        let ids = try runTrawl(["similar", "--ids", "--limit", "4", Self.seed], socket: daemon.socketPath)
        #expect(ids.status == 0, "\(ids.stderr)")
        #expect(Set(ids.lines.map(String.init)) == Self.otherSeeds)
        let people = try runTrawl(["similar", Self.seed], socket: daemon.socketPath)
        #expect(people.status == 0 && people.stdout.contains("1. ") && people.stdout.contains(" articles (copies folded) · "), "\(people.stdout)")
        let json = try runTrawl(["similar", "--json", "--limit", "1", Self.seed], socket: daemon.socketPath)
        let hit = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(hit.map { Self.otherSeeds.contains($0["id"] as? String ?? "") } == true, "\(json.stdout)")
        let unknown = try runTrawl(["similar", "nope.txt"], socket: daemon.socketPath)
        #expect(unknown.status == 2 && unknown.stderr.contains("not_found"), "\(unknown.stderr)")
        // Only the total asked for: exit 0 when anything is alike (it was 1, no hits on the page).
        let total = try runTrawl(["similar", "--limit", "0", Self.seed], socket: daemon.socketPath)
        #expect(total.status == 0, "\(total.stdout) \(total.stderr)")
    }
}
