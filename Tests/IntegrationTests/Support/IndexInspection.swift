import Foundation
import TrawlClient
import TrawlCore

/// Looks at an index folder and at what a daemon serves from it.
enum IndexInspection {
    /// What a killed or failed run may leave behind: unfinished generations (`gen-N.building`,
    /// `gen-N.shards`, any `gen-N.<suffix>`) and a half-written stub.
    static func debris(in index: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: index)) ?? []
        return names.filter { name in
            name == "current.tmp" || (name.hasPrefix("gen-") && name.dropFirst(4).contains { !$0.isNumber })
        }.sorted()
    }

    /// The generation folders present (finished ones only), by number.
    static func generations(in index: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: index)) ?? []
        return names.compactMap { $0.hasPrefix("gen-") ? Int($0.dropFirst(4)) : nil }.sorted()
    }

    /// The live generation, from the `current` stub (one line, or one per shard).
    static func liveGeneration(in index: String) -> Int? { IndexLayout(root: index).currentGeneration() }

    /// Every article id the daemon serves, in pages of 1000 (`--ids` of an empty query); a
    /// duplicate id shows up twice. Waits up to `timeout` for the daemon to serve `generation`
    /// and to have picked up the commits that make it hold `documents` (it reopens on a poll tick).
    static func servedIDs(
        socket: String, generation: Int? = nil, documents: Int? = nil, timeout: TimeInterval = 10
    ) throws -> (ids: [String], generation: Int) {
        let connection = try Connection(socketPath: socket)
        let deadline = Date().addingTimeInterval(timeout)
        var hello = try connection.requestObject(["op": "hello"])
        func waiting() -> Bool {
            (generation.map { hello["generation"] as? Int != $0 } ?? false)
                || (documents.map { hello["documents"] as? Int != $0 } ?? false)
        }
        while waiting(), Date() < deadline {
            usleep(50_000)
            hello = try connection.requestObject(["op": "hello"])
        }
        // Workers reopen on their next job after a poll tick, so pages could come from different
        // commits; `reload` makes every worker open the latest commit before its next job.
        let reload = try connection.requestObject(["op": "reload"])
        let served = reload["generation"] as? Int ?? 0
        var ids: [String] = []
        while true {
            let page = try connection.requestObject([
                "op": "search", "q": "", "limit": 1000, "offset": ids.count, "snippet": false,
            ])
            guard page["ok"] as? Bool == true, page["generation"] as? Int == served else {
                throw InspectionFailed(description: "paging through the index failed: \(page)")
            }
            let hits = (page["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            ids += hits
            if hits.count < 1000 { return (ids, served) }
        }
    }

    /// The ids that occur more than once.
    static func duplicates(_ ids: [String]) -> [String] {
        Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }
}

struct InspectionFailed: Error, CustomStringConvertible {
    let description: String
}

extension Dictionary where Key == String, Value == Any {
    /// `total.estimate` of a search or count answer.
    var total: Int? { (self["total"] as? [String: Any])?["estimate"] as? Int }
}

extension Connection {
    /// The ids of the articles that match `query` as typed: none when the daemon had to search
    /// its spelling correction instead (`searched_corrected`), which `count` does not report.
    func exactMatches(_ query: String) throws -> [String] {
        let answer = try requestObject(["op": "search", "q": query, "snippet": false, "limit": 100])
        guard answer.isOK else { throw InspectionFailed(description: "search \(query): \(answer)") }
        if answer["searched_corrected"] as? Bool == true { return [] }
        return (answer["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
}
