import CXapian

/// What a rebuild needs from the live generation so as not to announce old articles as new
/// (docs/SCHEMA.md, "Change numbers"): its counter, and each article's content hash and change
/// number. The new generation counts on from the live counter; an article whose stored data is
/// the live copy's keeps its number. Read in sequential passes over two value slots per shard.
struct LiveCopies: Sendable {
    /// The live generation's `trawl.seq`.
    var last: UInt64 = 0
    /// id -> the live copy's content hash and change number.
    private var copies: [String: (hash: UInt64, seq: UInt64)] = [:]

    /// Nothing live (a first build): every article gets a new number.
    static let none = LiveCopies()

    /// The live generation's copies; `.none` without one.
    static func load(_ layout: IndexLayout, stemLanguage: String) throws(TrawlError) -> LiveCopies {
        guard let live = layout.currentGeneration() else { return .none }
        let folder = layout.generationDirectory(live)
        var copies = LiveCopies()
        for path in IndexLayout.shardPaths(in: folder) {
            let reader = try IndexReader(path: path, stemLanguage: stemLanguage)
            copies.last = max(copies.last, ChangeSequence.decode(try reader.metadata(MetadataKey.seq)))
            let seqs = try reader.changeNumbers()
            for (docid, value) in try reader.values(slot: TX_SLOT_FILE) {
                guard let article = ArticleKey(encoded: value), let seq = seqs[docid] else { continue }
                copies.copies[article.id] = (article.hash, seq)
            }
        }
        return copies
    }

    /// The number an article written now keeps: the live copy's when its stored data is the same.
    func seq(of id: String, hash: UInt64) -> UInt64? {
        guard let copy = copies[id], copy.hash == hash else { return nil }
        return copy.seq
    }
}
