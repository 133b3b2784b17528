import Foundation

/// What `trawl-index --rollback` did.
public struct RollbackSummary: Sendable, Codable, Equatable {
    /// The generation now live (a new number), the one it was before the rollback, and the
    /// number the restored articles had.
    public var generation: Int
    public var replaced: Int
    public var restored: Int
    public var documents: Int
}

/// `trawl-index --rollback`: the previous generation becomes live again under a new, higher
/// number, because readers and the protocol rely on `generation` only ever growing. The one it
/// replaces stays beside it, so a second rollback goes forward again.
struct RollbackRun {
    let indexer: Indexer
    var layout: IndexLayout { indexer.layout }

    func run() throws(IndexerError) -> RollbackSummary {
        // No index, no folder: never create one (nor its lock) just to say so.
        guard layout.currentGeneration() != nil else { throw .noIndex(layout.root) }
        // Both locks: no rebuild numbers a generation meanwhile, no writer writes the live one.
        let rebuildLock = try indexer.takeLock(layout.rebuildLockFile, purpose: "rollback")
        let lock = try indexer.takeLock(layout.lockFile, purpose: "rollback")
        defer { withExtendedLifetime((rebuildLock, lock)) {} }
        GenerationCleaner(layout: layout).removeDebris()
        guard let live = layout.currentGeneration() else { throw .noIndex(layout.root) }
        // The newest finished generation below the live one is the one it replaced. (A finished
        // one above it was never live: a rebuild killed before its switch.)
        let onDisk = layout.generationsOnDisk()
        let kept = onDisk.filter { !$0.building && $0.number < live }
        guard let previous = kept.last else { throw .noPreviousGeneration(live: live) }
        let number = (onDisk.map(\.number).max() ?? live) + 1

        // It keeps the shard count it was built with.
        let shards = IndexLayout.shardPaths(in: previous.path)
        let documents: Int
        do {
            documents = try IndexReader(shards: shards).documentCount()
            // Its own record of its number moves forward too, in every shard and its lexicon (before the rename:
            // a failure here leaves the live generation serving).
            let writer = try openArticleWriter(
                shards: shards, lexicon: IndexLayout.lexiconPath(in: previous.path), stemLanguage: indexer.options.stemLanguage)
            try writer.setMetadata(MetadataKey.generation, String(number))
            try writer.commit()
        } catch {
            throw .index(error)
        }
        let target = layout.generationDirectory(number)
        // NOTE: killed between this rename and the switch, the live generation keeps serving and
        // gen-<number> stays beside it, like a rebuild killed before its switch.
        guard rename(previous.path, target) == 0 else {
            throw .filesystem(POSIXFailure("cannot rename \(previous.path) to \(target)").description)
        }
        syncDirectory(layout.root)
        do { try layout.switchCurrent(to: number, shards: shards.count) } catch { throw .filesystem("\(error)") }
        return RollbackSummary(generation: number, replaced: live, restored: previous.number, documents: documents)
    }
}
