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

    /// The live generation's copies; `.none` without one. A live generation that cannot be read
    /// (damaged: the rebuild is its cure) gives what could be read, at worst nothing: its articles
    /// are then announced again.
    static func load(_ layout: IndexLayout, stemLanguage: String) -> LiveCopies {
        guard let live = layout.currentGeneration() else { return .none }
        var copies = LiveCopies()
        for path in IndexLayout.shardPaths(in: layout.generationDirectory(live)) {
            guard let reader = try? IndexReader(path: path, stemLanguage: stemLanguage) else { continue }
            copies.last = max(copies.last, (try? reader.metadata(MetadataKey.seq)).map(ChangeSequence.decode) ?? 0)
            try? copies.read(reader)
        }
        return copies
    }

    /// One shard's articles: two passes, article keys and change numbers, joined by docid.
    private mutating func read(_ reader: IndexReader) throws(TrawlError) {
        let seqs = try reader.changeNumbers()
        for (docid, value) in try reader.values(slot: TX_SLOT_FILE) {
            guard let article = ArticleKey(encoded: value), let seq = seqs[docid] else { continue }
            copies[article.id] = (article.hash, seq)
        }
    }

    /// The number an article written now keeps: the live copy's when its stored data is the same.
    func seq(of id: String, hash: UInt64) -> UInt64? {
        guard let copy = copies[id], copy.hash == hash else { return nil }
        return copy.seq
    }
}
