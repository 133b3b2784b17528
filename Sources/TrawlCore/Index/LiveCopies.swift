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
        var copies = LiveCopies()
        for reader in liveShards(layout, stemLanguage: stemLanguage) {
            copies.last = max(copies.last, lastChange(of: reader))
            try? copies.read(reader)
        }
        return copies
    }

    /// These copies again, read only when the live counter moved since (a watcher or a put wrote
    /// meanwhile): a rebuild asks under the live writer lock, which every live write waits for.
    func refreshed(_ layout: IndexLayout, stemLanguage: String) -> LiveCopies {
        let now = Self.liveShards(layout, stemLanguage: stemLanguage).map(Self.lastChange).max() ?? 0
        return now == last ? self : Self.load(layout, stemLanguage: stemLanguage)
    }

    private static func liveShards(_ layout: IndexLayout, stemLanguage: String) -> [IndexReader] {
        guard let live = layout.currentGeneration() else { return [] }
        return IndexLayout.shardPaths(in: layout.generationDirectory(live)).compactMap { path in
            try? IndexReader(path: path, stemLanguage: stemLanguage)
        }
    }

    private static func lastChange(of reader: IndexReader) -> UInt64 {
        (try? reader.metadata(MetadataKey.seq)).map(ChangeSequence.decode) ?? 0
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
