import Foundation

/// `--watch`'s writes to the live generation: each batch of changed paths is looked at again on
/// disk (by the scan's rules) and written through the incremental pipeline (`ArticleSink`, the
/// manifest's fingerprints, `ShardedWriter`'s routing), under the live writer lock, in one commit.
/// The manifest is kept in memory between batches and read again only when the live generation
/// is another one, or another writer committed to it since (`WriteStamp`).
/// trawld's pushed articles are files under the root too, written through this same class.
public final class LiveBatch {
    private let indexer: Indexer
    private var known: (generation: Int, stamp: String, manifest: Manifest)?

    public init(indexer: Indexer) { self.indexer = indexer }

    /// What one batch found and did; `folders` are the folders its scans walked (to be watched).
    public struct Outcome: Sendable {
        public var summary = IndexSummary()
        public var folders: [String] = []
    }

    /// Applies the paths (files or folders, relative to the root: whatever is there now is
    /// indexed, whatever is gone is deleted). Call it holding the live writer lock.
    public func apply(_ paths: Set<String>) throws(IndexerError) -> Outcome {
        let layout = indexer.layout
        guard let generation = layout.currentGeneration() else { throw .noIndex(layout.root) }
        let shards = IndexLayout.shardPaths(in: layout.generationDirectory(generation))
        var outcome = Outcome()
        var found: [ScannedFile] = []
        for path in paths.sorted() {
            let scan = FileScanner.scan(root: indexer.options.articlesRoot, below: path)
            found += scan.files
            outcome.folders += scan.folders
            outcome.summary.failures += scan.problems
        }
        do {
            var manifest = try self.manifest(generation: generation, shards: shards)
            let vanished = Self.vanished(from: manifest, paths: paths, present: Set(found.map(\.relativePath)))
            let changed = Indexer.changedFiles(found, manifest: manifest)
            guard !changed.isEmpty || !vanished.isEmpty else { return outcome }
            // Vanished files' articles may have moved to the batch's other files: their numbers are needed.
            let copies = vanished.isEmpty ? LiveCopies.none : LiveCopies.load(layout, stemLanguage: indexer.options.stemLanguage)
            let sink = ArticleSink(
                writer: try openArticleWriter(
                    shards: shards, lexicon: IndexLayout.lexiconPath(in: layout.generationDirectory(generation)),
                    stemLanguage: indexer.options.stemLanguage),
                manifest: manifest, liveCopies: copies, commitEvery: indexer.options.commitEvery,
                storyWindowDays: indexer.options.storyWindowDays)
            // Vanished files first, so that an id they held is free for a file that also has it.
            for (file, entry) in vanished.sorted(by: { $0.key < $1.key }) {
                try sink.forget(file: file, entry: entry)
                outcome.summary.deleted += entry.articles
            }
            try indexer.ingest(changed, into: sink, manifest: manifest, summary: &outcome.summary, alreadyDone: 0, total: changed.count)
            try sink.finish(summary: &outcome.summary)
            let stamp = try WriteStamp.commit(sink.writer)
            outcome.summary.documents = try sink.writer.documentCount()
            manifest = sink.manifest
            known = (generation, stamp, manifest)
        } catch {
            known = nil  // a failed batch may have committed part of its writes
            throw .index(error)
        }
        outcome.summary.generation = generation
        return outcome
    }

    /// The file (relative to the root) whose article the live generation holds for `id`; nil when
    /// none does. Call it holding the live writer lock, so that the answer stays true while you write.
    public func owner(of id: String) throws(IndexerError) -> String? {
        let layout = indexer.layout
        guard let generation = layout.currentGeneration() else { throw .noIndex(layout.root) }
        let shards = IndexLayout.shardPaths(in: layout.generationDirectory(generation))
        do { return try manifest(generation: generation, shards: shards).owners[id] } catch { throw .index(error) }
    }

    /// The manifest's files that the batch's paths cover and that are gone: a path itself, or a
    /// file below a path that was a folder. One pass over the manifest, looking each file's
    /// folders up (a batch of a thousand paths must not cost a thousand passes over 100k files).
    static func vanished(from manifest: Manifest, paths: Set<String>, present: Set<String>) -> [String: Manifest.Entry] {
        var gone: [String: Manifest.Entry] = [:]
        for path in paths where !present.contains(path) { gone[path] = manifest.files[path] }
        // Paths that are neither an indexed file nor one found now: folders moved away or deleted.
        let folders = paths.filter { manifest.files[$0] == nil && !present.contains($0) }
        guard !folders.isEmpty else { return gone }
        for (file, entry) in manifest.files where !present.contains(file) {
            var folder = Substring(file)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if folders.contains(String(folder)) {
                    gone[file] = entry
                    break
                }
            }
        }
        return gone
    }

    /// The live generation's manifest: the one kept from the last batch when nobody else has
    /// written since, else read from the index.
    private func manifest(generation: Int, shards: [String]) throws(TrawlError) -> Manifest {
        let stamp = try WriteStamp.current(shards: shards)
        if let known, known.generation == generation, known.stamp == stamp { return known.manifest }
        var readers: [IndexReader] = []
        for path in shards { readers.append(try IndexReader(path: path, stemLanguage: indexer.options.stemLanguage)) }
        let manifest = try Manifest.load(from: readers)
        known = (generation, stamp, manifest)
        return manifest
    }
}
