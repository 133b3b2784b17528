/// A rebuild's change numbers made right at its switch (docs/SCHEMA.md, "Change numbers").
///
/// Without the live writer lock (the build, the catch-up's first passes) a rebuild numbers an
/// article the live generation does not hold identically after the counter of that moment, while
/// the live generation goes on numbering (a watcher, an incremental run, trawld's puts): it may
/// give the same article another number, or the same number to another article. So, under the
/// lock, just before the switch, every article of the new generation numbered after the build-start
/// counter is set against the live generation of that moment:
/// - the live generation holds it identically (same id, same stored data): it takes the live
///   number, under which subscribers heard of it (it is not announced again);
/// - otherwise a number not after the live counter is replaced by one after it: a subscriber has
///   seen every number up to the live counter and would never hear of the article.
/// Numbers up to the build-start counter are copies of live ones and stay.
///
/// The articles are found from the `XSEQ` buckets of that range (`IndexReader.changedArticles`):
/// those the build found new (files the live generation had not indexed when it started) and those
/// the catch-up wrote, normally few.
struct SwitchNumbering {
    /// The live generation's `trawl.seq` when the build started (`LiveCopies.load`).
    let buildStart: UInt64

    /// Sets the numbers of the generation in `folder`, against `live` (read under the lock) and
    /// counting on with `sequence` (the rebuild's, already at or past the live counter); commits.
    /// Returns how many articles it gave another number.
    @discardableResult
    func apply(to folder: String, live: LiveCopies, sequence: ChangeSequence, stemLanguage: String) throws(IndexerError) -> Int {
        // The live generation numbered nothing since the build started: every number after the
        // build-start counter is after the live one too, and no live article has it.
        guard live.last > buildStart else { return 0 }
        sequence.raise(to: live.last)
        let shards = IndexLayout.shardPaths(in: folder)
        do {
            var numbered: [(key: ArticleKey, seq: UInt64)] = []
            for path in shards {
                numbered += try IndexReader(path: path, stemLanguage: stemLanguage).changedArticles(
                    after: buildStart, through: sequence.last)
            }
            // In their order, so that fresh numbers keep it.
            numbered.sort { $0.seq < $1.seq }
            var changes: [(id: String, seq: UInt64)] = []
            for article in numbered {
                let number = live.seq(of: article.key.id, hash: article.key.hash)
                    ?? (article.seq > live.last ? article.seq : sequence.next())
                if number != article.seq { changes.append((article.key.id, number)) }
            }
            guard !changes.isEmpty else { return 0 }
            let writer = try openArticleWriter(
                shards: shards, lexicon: IndexLayout.lexiconPath(in: folder), stemLanguage: stemLanguage, sequence: sequence)
            for change in changes { try writer.setChangeNumber(id: change.id, to: change.seq) }
            try writer.commit()
            return changes.count
        } catch {
            throw .index(error)
        }
    }
}
