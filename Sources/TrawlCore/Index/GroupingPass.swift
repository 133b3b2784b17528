/// Grouping articles whose candidates were all looked up before any of them was grouped: a
/// rebuild's whole generation (`GenerationGrouping`, the lookups on every core) and an incremental
/// batch (`group(_:writtenTo:storyWindowDays:)`, once the batch is written). `ArticleGrouping`'s
/// rules assign the groups in date order, in memory, over the candidates found: a candidate's group
/// is the one this pass gave it, else the one it had (groups are only ever given to articles that
/// have none, so that is what reading it again would say). `write(to:)` records each group once.
final class GroupingPass: GroupingState {
    /// An article's candidates, as looked up before any article was grouped.
    struct Found: Sendable {
        var copies: [CopyCandidate]
        /// nil: not looked up beforehand (see `lookUp`).
        var stories: [StoryCandidate]?
    }

    private let found: [String: Found]
    /// For story candidates not looked up beforehand; nothing is written while the pass runs, so
    /// it answers as it would have then.
    private let lookup: any GroupingLookup
    /// article id -> the copies group / story this pass gave it.
    private(set) var copies: [String: String] = [:]
    private(set) var stories: [String: String] = [:]
    /// The story queries made for this pass, those made beforehand included: tests pin that an
    /// article joining its copies' story costs none.
    private(set) var storyQueries: Int

    init(found: [String: Found], lookup: any GroupingLookup) {
        self.found = found
        self.lookup = lookup
        storyQueries = found.values.filter { $0.stories != nil }.count
    }

    /// One article's candidates. Story candidates are skipped for an article with an earlier copy
    /// candidate: it almost always joins its copies' story with no story query (`ArticleGrouping`),
    /// and a template repeated thousands of times would otherwise cost a query over all of them
    /// per article. The pass looks them up if still asked.
    static func lookUp(_ article: CopyCandidate, in lookup: any GroupingLookup, storyWindowDays: Int) throws(TrawlError) -> Found {
        let copies = try article.signature.map { signature throws(TrawlError) in try lookup.copyCandidates(of: signature) } ?? []
        let hasEarlierCopy = copies.contains { $0.id != article.id && GroupRule.earlier($0, article) }
        if hasEarlierCopy { return Found(copies: copies, stories: nil) }
        let days = StoryGrouper.window(sortKey: article.sortKey, days: storyWindowDays)
        return Found(copies: copies, stories: try lookup.storyCandidates(of: article.id, days: days))
    }

    /// Groups `articles` (their candidates are in `found`) in date order.
    func assign(_ articles: [CopyCandidate], storyWindowDays: Int) throws(TrawlError) {
        let grouping = ArticleGrouping(state: self, storyWindowDays: storyWindowDays)
        for article in articles.sorted(by: GroupRule.earlier) {
            try grouping.assign(id: article.id, sortKey: article.sortKey, signature: article.signature)
        }
    }

    /// Records the groups given, each article's once per grouping.
    func write(to writer: any ArticleWriting) throws(TrawlError) {
        for (id, group) in copies.sorted(by: { $0.key < $1.key }) { try writer.setCopiesGroup(id: id, group: group) }
        for (id, story) in stories.sorted(by: { $0.key < $1.key }) { try writer.setStory(id: id, story: story) }
    }

    func copyCandidates(of id: String, signature: CopySignature) -> [CopyCandidate] {
        (found[id]?.copies ?? []).map { candidate in
            var now = candidate
            now.group = copies[candidate.id] ?? candidate.group
            now.story = stories[candidate.id] ?? candidate.story
            return now
        }
    }

    func storyCandidates(of id: String, days: [String]) throws(TrawlError) -> [StoryCandidate] {
        let candidates: [StoryCandidate]
        if let looked = found[id]?.stories {
            candidates = looked
        } else {
            candidates = try lookup.storyCandidates(of: id, days: days)
            storyQueries += 1
        }
        return candidates.map { candidate in
            var now = candidate
            now.story = stories[candidate.id] ?? candidate.story
            return now
        }
    }

    func setCopiesGroup(id: String, group: String) { copies[id] = group }
    func setStory(id: String, story: String) { stories[id] = story }
}

extension GroupingPass {
    /// Groups articles just written through `writer` (an incremental run's or `--watch` batch's,
    /// pending changes included): every lookup first, then the assignment, then the groups
    /// written. A query on a writer flushes the pending postings of the terms it reads; with no
    /// write between two lookups each term is flushed once per batch, not once per article.
    /// Returns the pass (its story queries).
    @discardableResult
    static func group(_ articles: [CopyCandidate], writtenTo writer: any ArticleWriting, storyWindowDays: Int)
        throws(TrawlError) -> GroupingPass
    {
        var found: [String: Found] = [:]
        for article in articles { found[article.id] = try lookUp(article, in: writer, storyWindowDays: storyWindowDays) }
        let pass = GroupingPass(found: found, lookup: writer)
        try pass.assign(articles, storyWindowDays: storyWindowDays)
        try pass.write(to: writer)
        return pass
    }
}
