import CXapian
import Foundation
import TrawlProtocol

/// A rebuild's grouping pass over a just-built generation folder (its shards and lexicon): every
/// article gets its copies group and story by `ArticleGrouping`'s rules, in date order across all
/// shards, so that each group is named after its earliest article.
///
/// Finding an article's candidates is read-only and the same whatever groups earlier articles got
/// (the groups' terms are boolean, so no statistic the queries use changes): it runs first, on
/// every core, each thread with read-only handles of its own. Assigning groups is ordered; it runs
/// after, on the candidates found, with the groups kept in memory (`GenerationGroups`), and each
/// grouped article is written once.
enum GenerationGrouping {
    static func run(at folder: String, stemLanguage: String, storyWindowDays: Int) throws(TrawlError) {
        let shards = IndexLayout.shardPaths(in: folder)
        let articles = try articles(in: shards, stemLanguage: stemLanguage).sorted(by: GroupRule.earlier)
        let found = try candidates(of: articles, shards: shards, stemLanguage: stemLanguage, storyWindowDays: storyWindowDays)
        let groups = GenerationGroups(found: found, lookup: try lookup(shards: shards, stemLanguage: stemLanguage))
        let grouping = ArticleGrouping(state: groups, storyWindowDays: storyWindowDays)
        for article in articles {
            try grouping.assign(id: article.id, sortKey: article.sortKey, signature: article.signature)
        }
        let writer = try openArticleWriter(shards: shards, lexicon: IndexLayout.lexiconPath(in: folder), stemLanguage: stemLanguage)
        for (id, group) in groups.copies.sorted(by: { $0.key < $1.key }) { try writer.setCopiesGroup(id: id, group: group) }
        for (id, story) in groups.stories.sorted(by: { $0.key < $1.key }) { try writer.setStory(id: id, story: story) }
        try writer.commit()
    }

    /// Every article of the shards, with its date and signature (no groups yet).
    private static func articles(in shards: [String], stemLanguage: String) throws(TrawlError) -> [CopyCandidate] {
        var articles: [CopyCandidate] = []
        for shard in shards {
            let reader = try IndexReader(path: shard, stemLanguage: stemLanguage)
            let sortKeys = Dictionary(try reader.values(slot: TX_SLOT_TIMESTAMP), uniquingKeysWith: { first, _ in first })
            let signatures = Dictionary(try reader.values(slot: TX_SLOT_COPY_SIGNATURE), uniquingKeysWith: { first, _ in first })
            for (docid, value) in try reader.values(slot: TX_SLOT_FILE) {
                guard let key = ArticleKey(encoded: value) else { continue }
                articles.append(CopyCandidate(
                    id: key.id, group: nil, sortKey: sortKeys[docid] ?? "", signature: signatures[docid].flatMap(CopySignature.init(encoded:))))
            }
        }
        return articles
    }

    /// Read-only handles on every shard, as one lookup.
    private static func lookup(shards: [String], stemLanguage: String) throws(TrawlError) -> ShardedLookup {
        var readers: [any GroupingLookup] = []
        for shard in shards { readers.append(try IndexReader(path: shard, stemLanguage: stemLanguage)) }
        return ShardedLookup(shards: readers)
    }

    /// Each article's copy and story candidates, looked up on every core (articles dealt out in
    /// turn, so that each thread gets the same mix of dates). Story candidates are skipped for an
    /// article with an earlier copy candidate: it almost always joins its copies' story with no
    /// story query (`ArticleGrouping`), and a template repeated thousands of times would otherwise
    /// cost a query over all of them per article. `GenerationGroups` looks one up if still asked.
    private static func candidates(
        of articles: [CopyCandidate], shards: [String], stemLanguage: String, storyWindowDays: Int
    ) throws(TrawlError) -> [String: GenerationGroups.Found] {
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, articles.count))
        let results = ResultSlots<Result<[(String, GenerationGroups.Found)], TrawlError>>(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            results.store(Result { () throws(TrawlError) in
                let lookup = try lookup(shards: shards, stemLanguage: stemLanguage)
                var found: [(String, GenerationGroups.Found)] = []
                for index in stride(from: thread, to: articles.count, by: threads) {
                    let article = articles[index]
                    let days = StoryGrouper.window(sortKey: article.sortKey, days: storyWindowDays)
                    let copies = try article.signature.map { signature throws(TrawlError) in try lookup.copyCandidates(of: signature) } ?? []
                    let hasEarlierCopy = copies.contains { $0.id != article.id && GroupRule.earlier($0, article) }
                    found.append((article.id, GenerationGroups.Found(
                        copies: copies, stories: hasEarlierCopy ? nil : try lookup.storyCandidates(of: article.id, days: days))))
                }
                return found
            }, at: thread)
        }
        var found: [String: GenerationGroups.Found] = [:]
        for result in results.values() {
            for (id, candidates) in try result.get() { found[id] = candidates }
        }
        return found
    }
}

/// `GroupingState` for a rebuild: each article's candidates as found before any was grouped, with
/// the groups assigned since (kept here, written by `GenerationGrouping` at the end).
final class GenerationGroups: GroupingState {
    struct Found: Sendable {
        var copies: [CopyCandidate]
        /// nil: not looked up beforehand (see `GenerationGrouping.candidates`).
        var stories: [StoryCandidate]?
    }

    private let found: [String: Found]
    /// For story candidates not looked up beforehand: read-only, so the same answer as then.
    private let lookup: any GroupingLookup
    /// article id -> its copies group / its story, as assigned so far.
    private(set) var copies: [String: String] = [:]
    private(set) var stories: [String: String] = [:]

    init(found: [String: Found], lookup: any GroupingLookup) {
        self.found = found
        self.lookup = lookup
    }

    func copyCandidates(of id: String, signature: CopySignature) -> [CopyCandidate] {
        (found[id]?.copies ?? []).map { candidate in
            var now = candidate
            now.group = copies[candidate.id]
            now.story = stories[candidate.id]
            return now
        }
    }

    func storyCandidates(of id: String, days: [String]) throws(TrawlError) -> [StoryCandidate] {
        let candidates: [StoryCandidate]
        if let looked = found[id]?.stories { candidates = looked } else { candidates = try lookup.storyCandidates(of: id, days: days) }
        return candidates.map { candidate in
            var now = candidate
            now.story = stories[candidate.id]
            return now
        }
    }

    /// The names given so far, by grouping.
    private var taken: [Grouping: Set<String>] = [:]

    func setCopiesGroup(id: String, group: String) {
        copies[id] = group
        taken[.copies, default: []].insert(group)
    }

    func setStory(id: String, story: String) {
        stories[id] = story
        taken[.story, default: []].insert(story)
    }

    func isGroupTaken(_ name: String, grouping: Grouping) -> Bool { taken[grouping]?.contains(name) ?? false }
}
