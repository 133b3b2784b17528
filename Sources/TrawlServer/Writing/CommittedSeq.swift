import TrawlCore

/// The index's change counter as the last commit left it: the live generation's `trawl.seq`
/// metadata (in its lexicon when it has several shards, like the other metadata), 0 when absent.
/// Read right after a commit, still holding the live writer lock.
enum CommittedSeq {
    static func read(_ layout: IndexLayout) -> Int {
        guard let generation = layout.currentGeneration() else { return 0 }
        let folder = layout.generationDirectory(generation)
        let database = IndexLayout.existingLexicon(in: folder) ?? IndexLayout.shardPaths(in: folder)[0]
        guard let reader = try? IndexReader(path: database), let seq = try? reader.lastChange() else { return 0 }
        return Int(clamping: seq)
    }
}
