/// `GroupingLookup` over a generation's shards: candidates from every shard (an article's copies
/// and story may be in any of them), telling terms from the article's own shard (its statistics
/// choose the terms). The shards are a `ShardedWriter`'s writers or a rebuild's readers.
final class ShardedLookup: GroupingLookup {
    private let shards: [any GroupingLookup]
    private let router: ShardRouter

    init(shards: [any GroupingLookup]) {
        self.shards = shards
        router = ShardRouter(count: shards.count)
    }

    func copyCandidates(bandTerms: [String], perBand: Int, limit: Int) throws(TrawlError) -> [CopyCandidate] {
        var candidates: [CopyCandidate] = []
        for shard in shards { candidates += try shard.copyCandidates(bandTerms: bandTerms, perBand: perBand, limit: limit) }
        return candidates
    }

    func storyTerms(id: String) throws(TrawlError) -> String? { try shards[router.shard(of: id)].storyTerms(id: id) }

    func storyCandidates(terms: String, days: [String], limit: Int, minSimilarity: Double) throws(TrawlError)
        -> [StoryCandidate]
    {
        var candidates: [StoryCandidate] = []
        for shard in shards {
            candidates += try shard.storyCandidates(terms: terms, days: days, limit: limit, minSimilarity: minSimilarity)
        }
        return candidates
    }
}
