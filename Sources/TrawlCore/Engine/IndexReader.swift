import CXapian

/// Sole owner of one read-only Xapian handle (a directory, or a stub file listing shards).
///
/// Not Sendable: Xapian objects must be used by one thread at a time, so each daemon
/// worker owns its own reader.
public final class IndexReader {
    public let path: String
    let handle: OpaquePointer
    let stemLanguage: String

    /// `lexicon`: a sharded generation's lexicon (`IndexLayout.lexiconPath`), where the query
    /// parser finds spelling data and synonyms; searches and counts never read it.
    public convenience init(path: String, lexicon: String? = nil, stemLanguage: String = "english") throws(TrawlError) {
        var handle: OpaquePointer?
        try check(path: path) { tx_database_open(path, stemLanguage, &handle, $0) }
        try self.init(handle: handle, path: path, lexicon: lexicon, stemLanguage: stemLanguage)
    }

    /// The shards of one generation searched as one database (in shard order), as the `current`
    /// stub that lists them opens them.
    public convenience init(shards: [String], lexicon: String? = nil, stemLanguage: String = "english") throws(TrawlError) {
        let path = shards.first ?? ""
        var handle: OpaquePointer?
        try withCStrings(shards) { paths, count throws(TrawlError) in
            try check(path: path) { tx_database_open_shards(paths, count, stemLanguage, &handle, $0) }
        }
        try self.init(handle: handle, path: path, lexicon: lexicon, stemLanguage: stemLanguage)
    }

    /// Shards that trawld opens itself (a stub with remote lines, or several lines): remote ones
    /// with `timeouts`; one that is down stays closed and searches answer from the others (their
    /// results name it in `missingShards`). `lexicon`: spelling and synonyms for the parser.
    public convenience init(
        endpoints: [ShardEndpoint], lexicon: String? = nil, stemLanguage: String = "english", timeouts: ShardTimeouts
    ) throws(TrawlError) {
        try self.init(
            servers: endpoints.enumerated().map { ShardServer(shard: $0, endpoint: $1) }, lexicon: lexicon,
            stemLanguage: stemLanguage, timeouts: timeouts)
    }

    /// As `init(endpoints:)`, a shard served by several endpoints (replicas): each answer uses one
    /// open endpoint per shard, replicas taking turns, and moves to another when one fails.
    public convenience init(
        servers: [ShardServer], lexicon: String? = nil, stemLanguage: String = "english", timeouts: ShardTimeouts
    ) throws(TrawlError) {
        let path = servers.first?.endpoint.description ?? ""
        var handle: OpaquePointer?
        try withShardSpecs(servers) { specs, count throws(TrawlError) in
            try check(path: path) {
                tx_shards_open(
                    specs, count, stemLanguage, UInt32(clamping: timeouts.connectMs),
                    UInt32(clamping: timeouts.readMs), &handle, $0)
            }
        }
        try self.init(handle: handle, path: path, lexicon: lexicon, stemLanguage: stemLanguage)
    }

    private init(handle: OpaquePointer?, path: String, lexicon: String?, stemLanguage: String) throws(TrawlError) {
        guard let handle else { throw .engine(detail: "open returned no handle") }
        self.handle = handle
        self.path = path
        self.stemLanguage = stemLanguage
        if let lexicon {
            try check(path: lexicon) { tx_database_add_lexicon(handle, lexicon, $0) }
        }
    }

    deinit { tx_database_close(handle) }

    /// Moves to the latest commit of the same database; true if anything changed.
    /// NOTE: this does not re-read a stub file: open a new reader for a new generation.
    @discardableResult
    public func reopen() throws(TrawlError) -> Bool {
        var changed: Int32 = 0
        try check(path: path) { tx_database_reopen(handle, &changed, $0) }
        return changed != 0
    }

    public func documentCount() throws(TrawlError) -> Int {
        var count: UInt32 = 0
        try check(path: path) { tx_database_doccount(handle, &count, $0) }
        return Int(count)
    }

    /// User metadata stored by the indexer ("" when unset).
    public func metadata(_ key: String) throws(TrawlError) -> String {
        var value: UnsafeMutablePointer<CChar>?
        var length = 0
        try check(path: path) { tx_database_get_metadata(handle, key, &value, &length, $0) }
        return takeString(value, length: length)
    }

    /// The spelling data (word -> frequency) of the databases read (not the lexicon's).
    public func spellings() throws(TrawlError) -> [String: Int] {
        var value: UnsafeMutablePointer<CChar>?
        var length = 0
        try check(path: path) { tx_database_spellings(handle, &value, &length, $0) }
        var out: [String: Int] = [:]
        for line in takeString(value, length: length).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2, let frequency = Int(parts[1]) { out[String(parts[0])] = frequency }
        }
        return out
    }

    /// The stored article with this id; `.notFound` when there is none.
    /// Over shards trawld opened itself, only the shard `ShardRouter` names is asked (one round
    /// trip to one host instead of one to each); `.shardUnavailable` when that shard is down.
    public func article(id: String) throws(TrawlError) -> Article {
        let shards = shardCount
        return try retryingOnChange { () throws(TrawlError) -> Article in
            var value: UnsafeMutablePointer<CChar>?
            var length = 0
            do throws(TrawlError) {
                try withText(id) { text throws(TrawlError) in
                    if shards > 1 {
                        let shard = ShardRouter(count: shards).shard(of: id)
                        try check(path: path) { tx_shard_get(handle, shard, text, &value, &length, $0) }
                    } else {
                        try check(path: path) { tx_database_get(handle, text, &value, &length, $0) }
                    }
                }
            } catch .notFound {
                throw .notFound(id: id)
            }
            return StoredArticle.decode(takeString(value, length: length))
        }
    }

    /// Number of documents indexed under a boolean term (`Q` + id, `P` + path, `XSOURCE` + source...).
    public func termFrequency(prefix: String, key: String) throws(TrawlError) -> Int {
        var count: UInt32 = 0
        try withText(key) { text throws(TrawlError) in
            try check(path: path) { tx_database_term_frequency(handle, prefix, text, &count, $0) }
        }
        return Int(count)
    }

    /// Every document's value in one slot, in docid order.
    public func values(slot: Int32) throws(TrawlError) -> [(docid: UInt32, value: String)] {
        try values(slot: slot) { string(from: $0, length: $1) }
    }

    /// Every document's change number (`TX_SLOT_SEQ`, docs/SCHEMA.md), by docid.
    public func changeNumbers() throws(TrawlError) -> [UInt32: UInt64] {
        Dictionary(try values(slot: TX_SLOT_SEQ) { tx_seq_from_value($0, $1) }, uniquingKeysWith: { first, _ in first })
    }

    /// The articles whose change number is above `after` and at most `through`, each with its key
    /// (id and stored data's hash) and number: found from the range's `XSEQ` bucket terms, never a
    /// pass over the database (docs/SCHEMA.md, "Change numbers").
    func changedArticles(after: UInt64, through: UInt64) throws(TrawlError) -> [(key: ArticleKey, seq: UInt64)] {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        try check(path: path) { tx_database_changed_keys(handle, after, through, &out, &length, $0) }
        let fields = lengthPrefixedFields(takeString(out, length: length))
        return stride(from: 0, to: fields.count - 1, by: 2).compactMap { start in
            guard let key = ArticleKey(encoded: fields[start]), let seq = UInt64(fields[start + 1]) else { return nil }
            return (key, seq)
        }
    }

    private func values<Value>(slot: Int32, _ decode: (UnsafePointer<CChar>?, Int) -> Value) throws(TrawlError)
        -> [(docid: UInt32, value: Value)]
    {
        var stream: OpaquePointer?
        try check(path: path) { tx_value_stream_open(handle, UInt32(slot), &stream, $0) }
        defer { tx_value_stream_close(stream) }
        var out: [(docid: UInt32, value: Value)] = []
        while true {
            var docid: UInt32 = 0
            var value: UnsafePointer<CChar>?
            var length = 0
            var has: Int32 = 0
            try check(path: path) { tx_value_stream_next(stream, &docid, &value, &length, &has, $0) }
            if has == 0 { return out }
            out.append((docid, decode(value, length)))
        }
    }

    /// Every metadata entry whose key starts with `prefix`, in key order.
    public func metadata(prefix: String) throws(TrawlError) -> [(key: String, value: String)] {
        var stream: OpaquePointer?
        try check(path: path) { tx_metadata_stream_open(handle, prefix, &stream, $0) }
        defer { tx_metadata_stream_close(stream) }
        var out: [(key: String, value: String)] = []
        while true {
            var key: UnsafePointer<CChar>?
            var keyLength = 0
            var value: UnsafePointer<CChar>?
            var valueLength = 0
            var has: Int32 = 0
            try check(path: path) { tx_metadata_stream_next(stream, &key, &keyLength, &value, &valueLength, &has, $0) }
            if has == 0 { return out }
            out.append((string(from: key, length: keyLength), string(from: value, length: valueLength)))
        }
    }

    /// Runs `body`; if a writer's commit invalidated what it was reading, reopens and tries once more.
    func retryingOnChange<R>(_ body: () throws(TrawlError) -> R) throws(TrawlError) -> R {
        do {
            return try body()
        } catch .indexChanged {
            try reopen()
            return try body()
        }
    }
}
