import CXapian

/// The groupings every article gets once written: its copies group, then its story (copies are one
/// story: an article whose copies have a story joins it without a story query, which also keeps
/// the work per article bounded when thousands of articles are one template). Incremental
/// runs and `--watch` group each article as it is written (`assign`); a rebuild groups the whole
/// generation after compaction, in date order across all shards (`groupGeneration`), so that each
/// group is named after its earliest article.
struct ArticleGrouping {
    let writer: any ArticleWriting
    let storyWindowDays: Int

    func assign(id: String, sortKey: String, signature: CopySignature?) throws(TrawlError) {
        var copies: [CopyCandidate] = []
        if let signature { copies = try CopyGrouper(writer: writer).assign(id: id, sortKey: sortKey, signature: signature) }
        if let story = StoryGrouper.storyOf(copies: copies) {
            try writer.setStory(id: id, story: story)
        } else {
            try StoryGrouper(writer: writer, windowDays: storyWindowDays).assign(id: id, sortKey: sortKey)
        }
    }

    /// Groups every article of a just-built generation folder (its shards and lexicon), in date order.
    static func groupGeneration(at folder: String, stemLanguage: String, storyWindowDays: Int) throws(TrawlError) {
        let shards = IndexLayout.shardPaths(in: folder)
        var articles: [CopyCandidate] = []
        for shard in shards {
            let reader = try IndexReader(path: shard, stemLanguage: stemLanguage)
            let sortKeys = Dictionary(try reader.values(slot: TX_SLOT_TIMESTAMP), uniquingKeysWith: { first, _ in first })
            let signatures = Dictionary(try reader.values(slot: TX_SLOT_COPY_SIGNATURE), uniquingKeysWith: { first, _ in first })
            for (docid, value) in try reader.values(slot: TX_SLOT_FILE) {
                guard let key = ArticleKey(encoded: value) else { continue }
                articles.append(CopyCandidate(
                    id: key.id, group: nil, sortKey: sortKeys[docid] ?? "", signature: signatures[docid].flatMap(CopySignature.init(encoded:))))
            }
        }
        let writer = try openArticleWriter(shards: shards, lexicon: IndexLayout.lexiconPath(in: folder), stemLanguage: stemLanguage)
        let grouping = ArticleGrouping(writer: writer, storyWindowDays: storyWindowDays)
        for article in articles.sorted(by: GroupRule.earlier) {
            try grouping.assign(id: article.id, sortKey: article.sortKey, signature: article.signature)
        }
        try writer.commit()
    }
}
