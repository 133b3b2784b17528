import Foundation
import TrawlCore

/// The sharding tests' corpus (core and integration): the same few hundred articles (random words from a small vocabulary, four sources, two
/// years, every third body repeated under another id for `collapse`), written as JSON files.
public enum ShardedCorpus {
    public static let vocabulary = [
        "harbour", "council", "budget", "ferry", "strike", "river", "school", "election", "minister", "storm",
        "bridge", "festival", "market", "hospital", "railway", "museum", "drought", "farmers", "tariff", "court",
        "police", "vaccine", "airport", "energy", "housing", "football", "orchestra", "library", "glacier", "volcano",
        "government", "parliament", "truck", "wages", "pension", "tourism", "fishing", "forest", "harvest", "coastline",
    ]
    public static let sources = ["Herald", "Gazette", "Courier", "Tribune"]
    public static let count = 240

    public static func write(into fixture: IndexFixture) throws {
        var random = SplitMix64(seed: 13)
        func words(_ n: Int) -> String {
            (0..<n).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
        }
        var bodies: [String] = []
        for n in 0..<count {
            let body = n % 3 == 2 ? bodies[n - 1] : words(20 + Int(random.next() % 60)) + "."
            bodies.append(body)
            // One article a day and hour apart: `newest` has no ties.
            let date = Date(timeIntervalSince1970: 1_704_067_200 + Double(n) * 90_000)
            try fixture.write(article: [
                "id": String(format: "story-%03d", n),
                "title": words(3 + Int(random.next() % 4)).capitalized,
                "body": body,
                "source": sources[n % sources.count],
                "byline": n % 2 == 0 ? "Ann Saphir" : "Jon Dubois",
                "date": ISO8601DateFormatter().string(from: date),
            ])
        }
    }

    /// The group of articles with the same body as `id` (`collapse` keeps one of each).
    public static func bodyGroup(of id: String) -> Int {
        let n = Int(id.dropFirst("story-".count)) ?? -1
        return n % 3 == 2 ? n - 1 : n
    }

    /// Wildcards: Xapian expands them per shard, so their weights may differ from one database's.
    public static let wildcardQueries = ["minist*", "harb* OR glac*"]

    /// Plain words, phrases, AND/OR/NOT, fields and dates.
    public static let queries = [
        "harbour", "ferry strike", "\"river school\"", "council OR budget", "storm AND NOT bridge", "market -museum",
        "title:festival", "source:herald drought", "by:saphir energy", "date:2024-03..2024-09 housing", "date:2024-03..2024-06 court",
        "(police OR court) AND vaccine", "\"wages pension\" OR tourism", "fishing forest harvest",
        "NOT railway", "coastline", "football orchestra library",
    ]

    /// A query with a source and dates as filters (the filters of a search, not of its text).
    public static let filteredQuery = "harbour OR ferry"
    public static func filter(_ query: inout SearchQuery) {
        query.sources = ["Gazette"]
        query.since = "2024-02-01"
        query.until = "2024-08-31"
    }
}
