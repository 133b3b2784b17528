import CXapian
import Foundation

/// A rebuild's grouping pass over a just-built generation folder (its shards and lexicon): every
/// article gets its copies group and story by `ArticleGrouping`'s rules, in date order across all
/// shards, so that each group is named after its earliest article.
///
/// Finding an article's candidates is read-only and the same whatever groups earlier articles got
/// (the groups' terms are boolean, so no statistic the queries use changes): it runs first, on
/// every core, each thread with read-only handles of its own. Assigning groups is ordered; it runs
/// after, on the candidates found, with the groups kept in memory (`GroupingPass`), and each
/// grouped article is written once.
enum GenerationGrouping {
    /// Returns the pass (its story queries, for tests).
    @discardableResult
    static func run(at folder: String, stemLanguage: String, storyWindowDays: Int) throws(TrawlError) -> GroupingPass {
        let shards = IndexLayout.shardPaths(in: folder)
        let articles = try articles(in: shards, stemLanguage: stemLanguage).sorted(by: GroupRule.earlier)
        let found = try candidates(of: articles, shards: shards, stemLanguage: stemLanguage, storyWindowDays: storyWindowDays)
        let pass = GroupingPass(found: found, lookup: try lookup(shards: shards, stemLanguage: stemLanguage))
        try pass.assign(articles, storyWindowDays: storyWindowDays)
        let writer = try openArticleWriter(shards: shards, lexicon: IndexLayout.lexiconPath(in: folder), stemLanguage: stemLanguage)
        try pass.write(to: writer)
        try writer.commit()
        return pass
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

    /// Each article's copy and story candidates (`GroupingPass.lookUp`), looked up on every core
    /// (articles dealt out in turn, so that each thread gets the same mix of dates).
    private static func candidates(
        of articles: [CopyCandidate], shards: [String], stemLanguage: String, storyWindowDays: Int
    ) throws(TrawlError) -> [String: GroupingPass.Found] {
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, articles.count))
        let results = ResultSlots<Result<[(String, GroupingPass.Found)], TrawlError>>(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            results.store(Result { () throws(TrawlError) in
                let lookup = try lookup(shards: shards, stemLanguage: stemLanguage)
                var found: [(String, GroupingPass.Found)] = []
                for index in stride(from: thread, to: articles.count, by: threads) {
                    let article = articles[index]
                    found.append((article.id, try GroupingPass.lookUp(article, in: lookup, storyWindowDays: storyWindowDays)))
                }
                return found
            }, at: thread)
        }
        var found: [String: GroupingPass.Found] = [:]
        for result in results.values() {
            for (id, candidates) in try result.get() { found[id] = candidates }
        }
        return found
    }
}
