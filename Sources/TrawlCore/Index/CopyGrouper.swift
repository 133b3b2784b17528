import CXapian

/// The copies group rule, one place for incremental runs and rebuilds.
///
/// An article's copies are the candidates its band terms find (in every shard of the generation
/// being written) whose signatures say `CopySignature.isCopy`. With copies, the article and its
/// ungrouped copies join the group of the earliest (by date, undated last, then id) copy that has
/// one; when none has, the group is named after the earliest of them all. A group is never
/// renamed or merged afterwards, so ids stay stable: a rebuild assigns every article in date order
/// (`assignAll`) and so names each group after its earliest article; an incremental run assigns
/// each article as it is written, so an article older than a group it copies joins that group.
struct CopyGrouper {
    let writer: any ArticleWriting
    /// Candidates read per article, those sharing the most bands first.
    static let candidateLimit = 100

    /// Puts the written article into its copies group; returns the group, nil when it has no copies.
    @discardableResult
    func assign(id: String, sortKey: String, signature: CopySignature) throws(TrawlError) -> String? {
        let candidates = try writer.copyCandidates(bandTerms: signature.bandTerms, limit: Self.candidateLimit)
        let copies = candidates.filter { $0.id != id && $0.signature.map(signature.isCopy(of:)) == true }
        guard !copies.isEmpty else { return nil }
        let itself = CopyCandidate(
            id: id, group: candidates.first { $0.id == id }?.group, sortKey: sortKey, signature: signature)
        let members = copies + [itself]
        guard let earliest = members.filter({ $0.group != nil }).min(by: Self.earlier)?.group
            ?? members.min(by: Self.earlier)?.id
        else { return nil }
        for member in members where member.group == nil { try writer.setCopiesGroup(id: member.id, group: earliest) }
        return itself.group ?? earliest
    }

    /// A rebuild's pass: every article of the generation, in date order.
    func assignAll(_ articles: [CopyCandidate]) throws(TrawlError) {
        for article in articles.sorted(by: Self.earlier) {
            guard let signature = article.signature else { continue }
            try assign(id: article.id, sortKey: article.sortKey, signature: signature)
        }
    }

    /// By date (undated last), then id.
    static func earlier(_ a: CopyCandidate, _ b: CopyCandidate) -> Bool {
        if a.sortKey != b.sortKey {
            if a.sortKey.isEmpty || b.sortKey.isEmpty { return !a.sortKey.isEmpty }
            return a.sortKey < b.sortKey
        }
        return a.id < b.id
    }
}

extension CopyGrouper {
    /// Groups every article of a just-built generation folder (its shards and lexicon), in date order.
    static func groupGeneration(at folder: String, stemLanguage: String) throws(TrawlError) {
        let shards = IndexLayout.shardPaths(in: folder)
        var articles: [CopyCandidate] = []
        for shard in shards {
            let reader = try IndexReader(path: shard, stemLanguage: stemLanguage)
            var keys: [UInt32: (id: String, sortKey: String)] = [:]
            let sortKeys = Dictionary(try reader.values(slot: TX_SLOT_TIMESTAMP), uniquingKeysWith: { first, _ in first })
            for (docid, value) in try reader.values(slot: TX_SLOT_FILE) {
                if let key = ArticleKey(encoded: value) { keys[docid] = (key.id, sortKeys[docid] ?? "") }
            }
            for (docid, value) in try reader.values(slot: TX_SLOT_COPY_SIGNATURE) {
                guard let key = keys[docid] else { continue }
                articles.append(CopyCandidate(id: key.id, group: nil, sortKey: key.sortKey, signature: CopySignature(encoded: value)))
            }
        }
        let writer = try openArticleWriter(shards: shards, lexicon: IndexLayout.lexiconPath(in: folder), stemLanguage: stemLanguage)
        try CopyGrouper(writer: writer).assignAll(articles)
        try writer.commit()
    }
}
