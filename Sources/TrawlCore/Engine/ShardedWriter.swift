import TrawlProtocol

/// Writes a generation's K shards as one: each article goes to the shard `ShardRouter` names for
/// its id (writes and deletes alike, so a delete reaches the shard holding the id); what is not
/// one article's goes to every shard, so that each shard is complete on its own: file
/// fingerprints and the generation's metadata (Xapian reads a combined database's metadata from
/// its first shard only). Each shard records which one it is (`trawl.shard`, `i/K`) and the
/// routing rule.
///
/// The query parser's data goes to the generation's lexicon (`IndexLayout.lexiconPath`), not to
/// the shards: every shard's spelling data, the synonyms, and the generation's metadata (not the
/// per-file fingerprints). Remote shards give a parser no spelling or synonyms in Xapian 1.4; a
/// local lexicon does.
///
/// NOTE: commits are per shard, not atomic over the generation: a run killed between two shard
/// commits leaves a fingerprint in some shards only, which `Manifest` does not trust (the file is
/// read again). Killed before the lexicon's commit, a few spelling counts are lost (harmless).
final class ShardedWriter: ArticleWriting {
    private let shards: [IndexWriter]
    private let lexicon: IndexWriter
    private let router: ShardRouter
    /// Grouping's queries over every shard.
    private let lookup: ShardedLookup
    /// One counter for the generation: every shard and the lexicon record its `trawl.seq`.
    let sequence: ChangeSequence

    init(paths: [String], lexicon lexiconPath: String, stemLanguage: String, sequence shared: ChangeSequence? = nil)
        throws(TrawlError)
    {
        lexicon = try IndexWriter(path: lexiconPath, stemLanguage: stemLanguage)
        var shards: [IndexWriter] = []
        for path in paths { shards.append(try IndexWriter(path: path, stemLanguage: stemLanguage)) }
        self.shards = shards
        router = ShardRouter(count: paths.count)
        lookup = ShardedLookup(shards: shards)
        sequence = shared ?? ChangeSequence(last: (shards + [lexicon]).map(\.sequence.last).max() ?? 0)
        for writer in shards + [lexicon] { writer.sequence = sequence }
        for (index, shard) in shards.enumerated() {
            try shard.sendSpelling(to: lexicon)
            try shard.setMetadata(MetadataKey.shard, "\(index)/\(paths.count)")
            try shard.setMetadata(MetadataKey.shardHash, ShardRouter.ruleName)
        }
    }

    private func shard(of id: String) -> IndexWriter { shards[router.shard(of: id)] }

    func put(_ article: Article, fields: IndexedFields) throws(TrawlError) { try shard(of: article.id).put(article, fields: fields) }

    func add(_ article: Article, fields: IndexedFields) throws(TrawlError) { try shard(of: article.id).add(article, fields: fields) }

    @discardableResult
    func delete(id: String) throws(TrawlError) -> Bool { try shard(of: id).delete(id: id) }

    func setChangeNumber(id: String, to seq: UInt64) throws(TrawlError) { try shard(of: id).setChangeNumber(id: id, to: seq) }

    /// A group's members may be in any shard.
    func members(of group: String, in grouping: Grouping, limit: Int) throws(TrawlError) -> [String] {
        var found: [String] = []
        for shard in shards where found.count < limit {
            found += try shard.members(of: group, in: grouping, limit: limit - found.count)
        }
        return found
    }

    func groups(of id: String) throws(TrawlError) -> ArticleGroups? { try shard(of: id).groups(of: id) }

    func leaveGroup(id: String, grouping: Grouping) throws(TrawlError) { try shard(of: id).leaveGroup(id: id, grouping: grouping) }

    /// Every shard: a file's articles may be in any of them.
    @discardableResult
    func deleteFile(path: String) throws(TrawlError) -> Bool {
        var deleted = false
        for shard in shards {
            if try shard.deleteFile(path: path) { deleted = true }
        }
        return deleted
    }

    func setMetadata(_ key: String, _ value: String) throws(TrawlError) {
        for shard in shards { try shard.setMetadata(key, value) }
        if !key.hasPrefix(FileFingerprint.prefix) { try lexicon.setMetadata(key, value) }
    }

    func addSynonym(_ term: String, _ synonym: String) throws(TrawlError) { try lexicon.addSynonym(term, synonym) }

    /// Shard 0 last: readers take `trawl.seq` from it, so the changes it counts are in every
    /// shard by the time they see it (subscriptions match up to it, docs/SCHEMA.md "Change numbers").
    func commit() throws(TrawlError) {
        for shard in shards.dropFirst() { try shard.commit() }
        try shards[0].commit()
        try lexicon.commit()
    }

    func copyCandidates(bandTerms: [String], perBand: Int, limit: Int) throws(TrawlError) -> [CopyCandidate] {
        try lookup.copyCandidates(bandTerms: bandTerms, perBand: perBand, limit: limit)
    }

    func setCopiesGroup(id: String, group: String) throws(TrawlError) { try shard(of: id).setCopiesGroup(id: id, group: group) }

    func storyTerms(id: String) throws(TrawlError) -> String? { try lookup.storyTerms(id: id) }

    func storyCandidates(terms: String, days: [String], limit: Int, minSimilarity: Double) throws(TrawlError)
        -> [StoryCandidate]
    {
        try lookup.storyCandidates(terms: terms, days: days, limit: limit, minSimilarity: minSimilarity)
    }

    func setStory(id: String, story: String) throws(TrawlError) { try shard(of: id).setStory(id: id, story: story) }

    func documentCount() throws(TrawlError) -> Int {
        var count = 0
        for shard in shards { count += try shard.documentCount() }
        return count
    }
}
