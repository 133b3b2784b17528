import Foundation

/// Runs `trawl-index`: incremental updates of the live generation, or a rebuild into a new
/// generation that replaces the live one atomically.
public final class Indexer {
    public let options: IndexerOptions
    public let layout: IndexLayout
    private let parser: ArticleParser

    public init(options: IndexerOptions) {
        self.options = options
        self.layout = IndexLayout(root: options.indexRoot)
        self.parser = ArticleParser(boilerplate: options.boilerplate, timeZone: options.timeZone)
    }

    /// One run: an incremental one under the live writer lock, or a rebuild under the rebuild lock
    /// (both in `IndexLayout`). Throws only when nothing was done (exit status 2);
    /// files that failed are in the summary (exit status 1).
    public func run(rebuild: Bool) throws(IndexerError) -> IndexSummary {
        let started = Date()
        // The articles and the synonyms first: a wrong root or a bad synonyms file must fail
        // before the index folder or its lock exist.
        let scan: FileScanner
        do { scan = try FileScanner.scan(root: options.articlesRoot) } catch { throw .articlesRoot(error) }
        let synonyms = try options.synonymsFile.map { path throws(IndexerError) in try SynonymsFile.load(path: path) } ?? []
        try createIndexFolder()

        var summary: IndexSummary
        if !rebuild, let updated = try updateLive(scan: scan) {
            summary = updated
        } else {
            let lock = try takeLock(layout.rebuildLockFile, purpose: "rebuild")
            defer { withExtendedLifetime(lock) {} }
            GenerationCleaner(layout: layout).removeDebris()
            summary = try RebuildRun(indexer: self, parser: parser).run(scan: scan, synonyms: synonyms)
        }
        summary.skipped = scan.skipped.count
        summary.failed += scan.problems.count
        summary.failures += scan.problems
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Whether a run updates the live generation (an incremental run on an index that exists), or
    /// builds a new one.
    public func updatesInPlace(rebuild: Bool) -> Bool {
        guard !rebuild, let current = layout.currentGeneration() else { return false }
        return FileManager.default.fileExists(atPath: layout.generationDirectory(current))
    }

    /// An incremental run of the live generation under the live writer lock; nil when there is no
    /// live generation (the caller builds one).
    private func updateLive(scan: FileScanner) throws(IndexerError) -> IndexSummary? {
        let lock = try takeLock(layout.lockFile, purpose: "update")
        defer { withExtendedLifetime(lock) {} }
        // Debris of a killed rebuild goes too, unless a rebuild is running (then it is its work).
        // The rebuild lock is tried only when there is debris, so that a rebuild starting at that
        // moment rarely finds it held.
        let cleaner = GenerationCleaner(layout: layout)
        if cleaner.hasDebris, let rebuildLock = try? WriterLock(path: layout.rebuildLockFile, purpose: "cleanup") {
            withExtendedLifetime(rebuildLock) { cleaner.removeDebris() }
        }
        // A run killed between its switch and its publish left the stubs on the generation before.
        if let live = layout.currentGeneration() {
            try? layout.publish(generation: live, shards: layout.shardPaths(generation: live).count)
        }
        guard updatesInPlace(rebuild: false), let current = layout.currentGeneration() else { return nil }
        var summary = try update(generation: layout.generationDirectory(current), scan: scan).summary
        summary.generation = current
        return summary
    }

    /// `--rollback`: makes the previous generation live again, under a new number.
    public func rollback() throws(IndexerError) -> RollbackSummary {
        try RollbackRun(indexer: self).run()
    }

    /// Incremental: parse what changed, delete what vanished, leave the rest unread.
    /// The generation keeps the shard count it was built with (each change goes to the shard that
    /// holds its id); a different `indexing.shards` waits for the next `--rebuild`.
    /// `folder` is the generation's (the live one, or a rebuild's `gen-N.building`, whose catch-up
    /// passes `RebuildCatchUp` runs with the live generation's copies, the rebuild's counter, and
    /// `only`: which changed files this pass reads; the others it leaves as they were, for a later one).
    /// Returns the summary, how many files it read or removed, and how many changed files it left.
    func update(
        generation folder: String, scan: FileScanner, liveCopies: LiveCopies = .none, sequence: ChangeSequence? = nil,
        only ready: (ScannedFile) -> Bool = { _ in true }
    ) throws(IndexerError) -> (summary: IndexSummary, files: Int, left: Int) {
        let shards = IndexLayout.shardPaths(in: folder)
        var summary = IndexSummary()
        if shards.count != options.shards {
            summary.notice = "indexing.shards is \(options.shards), the live generation has \(shards.count) shard"
                + (shards.count == 1 ? "" : "s") + ": it takes effect at the next --rebuild"
        }
        let present = Set(scan.files.map(\.relativePath))
        let (manifest, rootIsNew) = try checkedManifest(shards: shards, scan: scan, present: present)
        let files: Int, left: Int
        do {
            let writer = try openArticleWriter(
                shards: shards, lexicon: IndexLayout.lexiconPath(in: folder), stemLanguage: options.stemLanguage,
                sequence: sequence)
            // Vanished files' articles may have moved to other files: their numbers are needed.
            let vanished = manifest.files.filter { !present.contains($0.key) }
            let copies = vanished.isEmpty || sequence != nil ? liveCopies : LiveCopies.load(layout, stemLanguage: options.stemLanguage)
            let sink = ArticleSink(
                writer: writer, manifest: manifest, liveCopies: copies, commitEvery: options.commitEvery,
                storyWindowDays: options.storyWindowDays)
            // With the first commit, so that a run killed midway has already adopted its root.
            if rootIsNew { try sink.writer.setMetadata(MetadataKey.articlesRoot, options.articlesRoot) }
            let changedOnDisk = Self.changedFiles(scan.files, manifest: manifest)
            let changed = changedOnDisk.filter(ready)
            let changedPaths = Set(changed.map(\.relativePath))
            for file in scan.files where !changedPaths.contains(file.relativePath) {
                summary.unchanged += manifest.files[file.relativePath]?.articles ?? 0
            }
            // Vanished files go first, so that an id they held is free for a file that also has it.
            for (file, entry) in vanished {
                try sink.forget(file: file, entry: entry)
                summary.deleted += entry.articles
            }
            try ingest(changed, into: sink, manifest: manifest, summary: &summary, alreadyDone: scan.files.count - changed.count, total: scan.files.count)
            files = vanished.count + changed.count
            left = changedOnDisk.count - changed.count
            try sink.finish(summary: &summary)
            _ = try WriteStamp.commit(sink.writer)
            summary.documents = try sink.writer.documentCount()
        } catch {
            throw .index(error)
        }
        return (summary, files, left)
    }

    /// The live generation's manifest, once `UpdateGuard` has let the run go ahead, and whether
    /// this run's root is new to the index (see `UpdateGuard.isNewRoot`).
    private func checkedManifest(
        shards: [String], scan: FileScanner, present: Set<String>
    ) throws(IndexerError) -> (Manifest, rootIsNew: Bool) {
        let manifest: Manifest, recordedRoot: String
        var documents = 0
        do {
            var readers: [IndexReader] = []
            for path in shards { readers.append(try IndexReader(path: path, stemLanguage: options.stemLanguage)) }
            manifest = try Manifest.load(from: readers)
            recordedRoot = try readers[0].metadata(MetadataKey.articlesRoot)
            for reader in readers { documents += try reader.documentCount() }
        } catch {
            throw .index(error)
        }
        let vanished = manifest.files.filter { !present.contains($0.key) }
        let updateGuard = UpdateGuard(options: options)
        try updateGuard.check(recordedRoot: recordedRoot, documents: documents) {
            vanished.reduce(0) { $0 + $1.value.articles }
        } stillLeaving: {
            leavingArticles(of: vanished, stillIn: Self.changedFiles(scan.files, manifest: manifest))
        }
        return (manifest, updateGuard.isNewRoot(recordedRoot: recordedRoot))
    }

    /// The files an incremental run reads: new ones, and those whose size or time changed (or
    /// whose last read had problems, which left no fingerprint).
    static func changedFiles(_ files: [ScannedFile], manifest: Manifest) -> [ScannedFile] {
        files.filter { !manifest.holds($0) }
    }

    /// How many articles of the vanished files really leave the index: an id that a new or changed
    /// file also holds (a feed file renamed, articles moved to another file) stays. Parses those
    /// files, so it is only asked when the deletions alone would stop the run.
    private func leavingArticles(of vanished: [String: Manifest.Entry], stillIn files: [ScannedFile]) -> Int {
        var leaving = Set(vanished.values.flatMap(\.articleHashes.keys))
        let batches = Self.batches(of: files, count: options.batchSize, bytes: options.batchBytes)
        for batch in batches where !leaving.isEmpty {
            for parsed in ParsedFile.parseAll(Array(batch), parser: parser) {
                guard case .success(let read) = parsed.outcome else { continue }
                for article in read.articles { leaving.remove(article.id) }
            }
        }
        // Articles of an older Trawl's files have no known ids: they count as leaving.
        return leaving.count + vanished.values.reduce(0) { $0 + $1.legacyArticles }
    }

    /// The index's own folder, when missing (never its parents); refused when it is a folder that
    /// is not an index (`IndexFolderCheck`).
    func createIndexFolder() throws(IndexerError) {
        if let problem = IndexFolderCheck.problem(layout) {
            throw .notAnIndexFolder(
                "\(problem); nothing was written. Check --index (or index.path): give a new or empty folder, or the folder"
                    + " of an existing index")
        }
        do { _ = try OwnFolder.create(layout.root, mode: 0o755) } catch {
            let parent = (layout.root as NSString).deletingLastPathComponent
            let parentMissing = !parent.isEmpty && !FileManager.default.fileExists(atPath: parent)
            throw .filesystem(
                "cannot create the index folder \(layout.root): \(error); fix --index or index.path"
                    + (parentMissing ? ", or create its parent" : ""))
        }
    }

    /// One of this index's locks (`IndexLayout`; its folder must exist), or `.locked` naming its holder.
    func takeLock(_ path: String, purpose: String) throws(IndexerError) -> WriterLock {
        do { return try WriterLock(path: path, purpose: purpose) } catch { throw .locked(error) }
    }

    /// One of this index's locks, waited for while `keepWaiting` says so; `nil` when it said stop.
    func waitForLock(_ path: String, purpose: String, while keepWaiting: () -> Bool) throws(IndexerError) -> WriterLock? {
        do { return try WriterLock.waiting(path: path, purpose: purpose, while: keepWaiting) } catch { throw .locked(error) }
    }

    /// One of this index's locks, waited for as long as it takes.
    func waitForLock(_ path: String, purpose: String) throws(IndexerError) -> WriterLock {
        // Never nil: it never stops waiting.
        try waitForLock(path, purpose: purpose) { true }!
    }

    /// Parses files in parallel batches and writes their articles; used by updates and rebuilds.
    func ingest(
        _ files: [ScannedFile], into sink: ArticleSink, manifest: Manifest, summary: inout IndexSummary,
        alreadyDone: Int, total: Int
    ) throws(TrawlError) {
        var done = alreadyDone
        for batch in Self.batches(of: files, count: options.batchSize, bytes: options.batchBytes) {
            for parsed in ParsedFile.parseAll(Array(batch), parser: parser) {
                try sink.write(parsed, previous: manifest.files[parsed.file.relativePath], summary: &summary)
            }
            done += batch.count
            options.progress?(IndexProgress(filesDone: done, filesTotal: total))
        }
        options.progress?(IndexProgress(filesDone: total, filesTotal: total))
    }

    /// Runs of files parsed together: at most `count` files, and at most `bytes` of them unless
    /// one file alone is bigger, so that a folder of large files does not all sit in memory at once.
    static func batches(of files: [ScannedFile], count: Int, bytes: Int64) -> [ArraySlice<ScannedFile>] {
        var batches: [ArraySlice<ScannedFile>] = []
        var start = files.startIndex
        var size: Int64 = 0
        for index in files.indices {
            if index > start, index - start >= count || size + files[index].size > bytes {
                batches.append(files[start..<index])
                start = index
                size = 0
            }
            size += files[index].size
        }
        if start < files.endIndex { batches.append(files[start...]) }
        return batches
    }
}

/// Names of the metadata entries the indexer keeps in each generation.
public enum MetadataKey {
    public static let updated = "trawl.updated"
    public static let generation = "trawl.generation"
    public static let articlesRoot = "trawl.articles_root"
    /// In each shard of a generation of several: `i/K` (its index and the shard count).
    public static let shard = "trawl.shard"
    /// ... and the routing rule it was written with (`ShardRouter.ruleName`).
    public static let shardHash = "trawl.shard_hash"
    /// A new value with every incremental commit (`WriteStamp`).
    public static let writeStamp = "trawl.write_stamp"
    /// The number of the generation's last indexed change (`ChangeSequence`), decimal.
    public static let seq = "trawl.seq"
}
