import CXapian
import Foundation

/// Sole owner of one writable Xapian database. Xapian allows one writer per database;
/// a second one gets `.indexLocked`. Uncommitted changes are discarded on deinit, and by a failed commit.
public final class IndexWriter {
    public let path: String
    let handle: OpaquePointer
    /// Numbers this writer's changes: its database's own counter, or one it shares with the other
    /// databases of its generation (`ShardedWriter`, a rebuild's writers).
    var sequence: ChangeSequence
    /// `trawl.seq` as this database holds it: written again at a commit only when it moved.
    private var recordedSeq: UInt64

    public init(path: String, stemLanguage: String = "english") throws(TrawlError) {
        var handle: OpaquePointer?
        try Self.retryingWhileLocked(path: path) { tx_writer_open(path, stemLanguage, &handle, $0) }
        guard let handle else { throw .engine(detail: "open returned no handle") }
        let recorded: String
        do { recorded = try Self.metadata(MetadataKey.seq, of: handle, path: path) } catch {
            tx_writer_close(handle)
            throw error
        }
        self.handle = handle
        self.path = path
        recordedSeq = ChangeSequence.decode(recorded)
        sequence = ChangeSequence(last: recordedSeq)
    }

    /// How long a writer waits for Xapian's lock before it reports `.indexLocked`.
    static let lockPatience: Duration = .seconds(2)

    /// Opens, trying again for a moment while Xapian says the database is locked.
    /// NOTE: Xapian's lock is an open-file-description lock on a close-on-exec descriptor. A child
    /// that another thread of this process is spawning shares that descriptor until its exec, so
    /// for that moment the lock outlives the writer that was just closed, and the next open of the
    /// same database (the next run, a test) would fail. Two Trawl writers are kept apart by the
    /// index's own lock (WriterLock) before they get here, so waiting costs nothing in normal use.
    private static func retryingWhileLocked(
        path: String, _ open: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> tx_status
    ) throws(TrawlError) {
        let clock = ContinuousClock()
        let deadline = clock.now + lockPatience
        while true {
            do throws(TrawlError) {
                try check(path: path, open)
                return
            } catch {
                guard case .indexLocked = error, clock.now < deadline else { throw error }
                usleep(10_000)
            }
        }
    }

    deinit { tx_writer_close(handle) }

    /// Sends the spelling data of the words this writer indexes to `lexicon` instead of its own
    /// database (a sharded generation's lexicon). The caller keeps `lexicon` open while this writes.
    func sendSpelling(to lexicon: IndexWriter) throws(TrawlError) {
        try check(path: path) { tx_writer_set_spelling_target(handle, lexicon.handle, $0) }
    }

    /// Adds or replaces the article with this id.
    public func put(_ article: Article, fields: IndexedFields) throws(TrawlError) {
        try write(article, fields: fields, using: tx_writer_put)
    }

    /// Adds the article without looking for one with the same id: only for a fresh database
    /// whose ids the caller keeps unique (a rebuild's shard).
    public func add(_ article: Article, fields: IndexedFields) throws(TrawlError) {
        try write(article, fields: fields, using: tx_writer_add)
    }

    private func write(
        _ article: Article, fields: IndexedFields,
        using call: (OpaquePointer?, UnsafePointer<tx_article>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> tx_status
    ) throws(TrawlError) {
        // The index sees the normalised text (`country’s` is `country's`); the stored data keeps it as written.
        let strings: [String?] = [
            article.id, fields.path, article.title.map(TextNormalizer.normalize), TextNormalizer.normalize(article.body),
            article.byline.map(TextNormalizer.normalize), article.source,
            article.site?.lowercased(), article.url, article.date.map(WireDate.sortKey),
            fields.copySignature?.encoded, fields.copySignature?.bandTerms.joined(separator: "\n"),
            fields.fileKey, fields.storedData, article.publishedDay,
        ]
        let seq = changeNumber(keeping: fields.seq)
        try withTexts(strings) { t throws(TrawlError) in
            var doc = tx_article(
                id: t[0], path: t[1], title: t[2], body: t[3], byline: t[4], source: t[5], site: t[6], url: t[7],
                timestamp: t[8], copy_signature: t[9], copy_bands: t[10], file_key: t[11], data: t[12], day: t[13], seq: seq)
            try check(path: path) { call(handle, &doc, $0) }
        }
    }

    /// The change number of an article written now: the next one, or the one it keeps (a rebuild's
    /// article whose stored data equals the live generation's copy).
    private func changeNumber(keeping kept: UInt64?) -> UInt64 {
        guard let kept else { return sequence.next() }
        sequence.raise(to: kept)
        return kept
    }

    /// Gives the article with this id another change number (a rebuild's, at its switch:
    /// `SwitchNumbering`); `.notFound` when no article has it.
    func setChangeNumber(id: String, to seq: UInt64) throws(TrawlError) {
        sequence.raise(to: seq)
        try withText(id) { text throws(TrawlError) in
            try check(path: path) { tx_writer_set_seq(handle, text, seq, $0) }
        }
    }

    /// Deletes one article by id; true if it existed.
    @discardableResult
    public func delete(id: String) throws(TrawlError) -> Bool { try delete(prefix: TX_PREFIX_ID, key: id) }

    /// Deletes every article that came from one file; true if any existed.
    @discardableResult
    public func deleteFile(path file: String) throws(TrawlError) -> Bool { try delete(prefix: TX_PREFIX_PATH, key: file) }

    private func delete(prefix: String, key: String) throws(TrawlError) -> Bool {
        var deleted: Int32 = 0
        try withText(key) { text throws(TrawlError) in
            try check(path: path) { tx_writer_delete(handle, prefix, text, &deleted, $0) }
        }
        sequence.skip(Int(deleted))  // each deleted article is a change
        return deleted != 0
    }

    public func addSynonym(_ term: String, _ synonym: String) throws(TrawlError) {
        try withTexts([term, synonym]) { t throws(TrawlError) in
            try check(path: path) { tx_writer_add_synonym(handle, t[0], t[1], $0) }
        }
    }

    public func setMetadata(_ key: String, _ value: String) throws(TrawlError) {
        try withText(value) { text throws(TrawlError) in
            try check(path: path) { tx_writer_set_metadata(handle, key, text, $0) }
        }
    }

    /// `trawl.seq` goes with the changes it counts, in the same commit.
    public func commit() throws(TrawlError) {
        let seq = sequence.last
        if seq != recordedSeq { try setMetadata(MetadataKey.seq, String(seq)) }
        try check(path: path) { tx_writer_commit(handle, $0) }
        recordedSeq = seq
    }

    /// One metadata entry, pending changes included ("" when unset).
    private static func metadata(_ key: String, of handle: OpaquePointer, path: String) throws(TrawlError) -> String {
        var value: UnsafeMutablePointer<CChar>?
        var length = 0
        try check(path: path) { tx_writer_get_metadata(handle, key, &value, &length, $0) }
        return takeString(value, length: length)
    }

    public func documentCount() throws(TrawlError) -> Int {
        var count: UInt32 = 0
        try check(path: path) { tx_writer_doccount(handle, &count, $0) }
        return Int(count)
    }

    /// Merges several databases into one new compacted database (Xapian's compaction).
    public static func compact(_ sources: [String], into destination: String) throws(TrawlError) {
        try withCStrings(sources) { paths, count throws(TrawlError) in
            try check(path: destination) { tx_compact(paths, count, destination, $0) }
        }
    }

    /// Xapian's own check that every spelling entry of the database at `path` reads back
    /// (`.indexCorrupt` when one does not; docs/SCHEMA.md, "Spelling").
    public static func checkSpelling(at path: String) throws(TrawlError) {
        try check(path: path) { tx_check_spelling(path, $0) }
    }
}

/// What the writer stores beside the article's own fields.
public struct IndexedFields: Sendable {
    /// Path of the source file relative to the root (several JSONL articles share one).
    public var path: String?
    /// Fingerprint of the source file, read back for incremental runs.
    public var fileKey: String?
    /// The body's copy signature: its band terms find the article's copies (`CopyGrouper`).
    public var copySignature: CopySignature?
    /// Encoded `StoredArticle`.
    public var storedData: String
    /// The change number the article keeps (a rebuild's unchanged article); nil: the next one.
    public var seq: UInt64?

    public init(path: String?, fileKey: String?, copySignature: CopySignature?, storedData: String, seq: UInt64? = nil) {
        self.path = path
        self.fileKey = fileKey
        self.copySignature = copySignature
        self.storedData = storedData
        self.seq = seq
    }
}
