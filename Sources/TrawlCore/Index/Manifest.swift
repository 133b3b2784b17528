import CXapian

/// What the live generation holds, per source file: its fingerprint (when it was last read
/// cleanly) and the id and content hash of each article that came from it. Read in two
/// sequential passes per shard (the fingerprints' metadata and the article-key value slot), no
/// per-document lookups.
struct Manifest {
    struct Entry {
        /// The fingerprint of the file as last read, when that read had no problems or warnings;
        /// nil means the file is read again.
        var key: FileKey?
        /// id -> content hash of each article from this file.
        var articleHashes: [String: UInt64] = [:]
        /// Articles written by an older Trawl (file key v1 in the slot): their ids are unknown, so a
        /// change replaces the file's articles as a unit.
        var legacyArticles = 0

        /// How many articles came from this file.
        var articles: Int { articleHashes.count + legacyArticles }
    }

    var files: [String: Entry] = [:]
    /// article id -> the file it came from.
    var owners: [String: String] = [:]

    /// Reads every shard of a generation: the articles of all of them, and each fingerprint only
    /// when every shard holds the same one (a run killed between two shard commits left it in some
    /// of them only: the file is read again).
    static func load(from shards: [IndexReader]) throws(TrawlError) -> Manifest {
        var manifest = Manifest()
        for reader in shards {
            for (_, value) in try reader.values(slot: TX_SLOT_FILE) {
                if let article = ArticleKey(encoded: value) {
                    manifest.files[article.path, default: Entry()].articleHashes[article.id] = article.hash
                    manifest.owners[article.id] = article.path
                } else if let legacy = FileKey(encoded: value) {
                    // v1: the fingerprint was stored in every article of the file.
                    manifest.files[legacy.path, default: Entry()].legacyArticles += 1
                    manifest.files[legacy.path]?.key = legacy
                }
            }
        }
        var fingerprints: [String: [String]] = [:]
        for reader in shards {
            for (key, value) in try reader.metadata(prefix: FileFingerprint.prefix) { fingerprints[key, default: []].append(value) }
        }
        for held in fingerprints.values where held.count == shards.count && Set(held).count == 1 {
            guard let key = FileKey(encoded: held[0]) else { continue }
            manifest.files[key.path, default: Entry()].key = key
        }
        return manifest
    }
}

extension Manifest {
    /// Whether the index holds this file as it is on disk: its fingerprint from a clean read has
    /// the file's size and time. A file it does not hold is read by the next incremental run.
    func holds(_ file: ScannedFile) -> Bool {
        guard let key = files[file.relativePath]?.key else { return false }
        return key.size == file.size && key.modified == file.modified
    }
}
