import TrawlProtocol

/// What the indexer writes articles through: one database (`IndexWriter`) or a generation's
/// shards (`ShardedWriter`, which routes each id to its shard). Everything above this line is
/// the same for both. Grouping's queries (`GroupingLookup`) see the pending changes; grouping
/// records the groups straight into it (`GroupingState`).
protocol ArticleWriting: GroupingLookup, GroupingState {
    /// Adds or replaces the article with this id.
    func put(_ article: Article, fields: IndexedFields) throws(TrawlError)
    /// Adds the article without looking for one with the same id (a fresh database whose ids the caller keeps unique).
    func add(_ article: Article, fields: IndexedFields) throws(TrawlError)
    /// Deletes one article by id; true if it existed.
    @discardableResult func delete(id: String) throws(TrawlError) -> Bool
    /// Deletes every article that came from one file; true if any existed.
    @discardableResult func deleteFile(path: String) throws(TrawlError) -> Bool
    /// The ids of at most `limit` articles in `group` (in any shard).
    func members(of group: String, in grouping: Grouping, limit: Int) throws(TrawlError) -> [String]
    /// The groups of the article with this id; nil when no article has it.
    func groups(of id: String) throws(TrawlError) -> ArticleGroups?
    /// Takes the article with this id out of its group of `grouping`.
    func leaveGroup(id: String, grouping: Grouping) throws(TrawlError)
    /// Gives the article with this id another change number (`SwitchNumbering`).
    func setChangeNumber(id: String, to seq: UInt64) throws(TrawlError)
    func setMetadata(_ key: String, _ value: String) throws(TrawlError)
    func addSynonym(_ term: String, _ synonym: String) throws(TrawlError)
    /// Commits, with `trawl.seq` (the last change number) when it moved.
    func commit() throws(TrawlError)
    func documentCount() throws(TrawlError) -> Int
    /// What numbers this writer's changes (`ChangeSequence`).
    var sequence: ChangeSequence { get }
}

extension IndexWriter: ArticleWriting {}

extension ArticleWriting {
    func isGroupTaken(_ name: String, grouping: Grouping) throws(TrawlError) -> Bool {
        try !members(of: name, in: grouping, limit: 1).isEmpty
    }
}

/// The writer for a generation's databases: the one database itself, or its shards (in shard order)
/// with their `lexicon` (created when missing; unused for one database). `sequence`: a counter
/// shared with other writers (a rebuild's); nil for the generation's own (`trawl.seq`).
func openArticleWriter(
    shards paths: [String], lexicon: String, stemLanguage: String, sequence: ChangeSequence? = nil
) throws(TrawlError) -> any ArticleWriting {
    if paths.count == 1 {
        let writer = try IndexWriter(path: paths[0], stemLanguage: stemLanguage)
        if let sequence { writer.sequence = sequence }
        return writer
    }
    return try ShardedWriter(paths: paths, lexicon: lexicon, stemLanguage: stemLanguage, sequence: sequence)
}
