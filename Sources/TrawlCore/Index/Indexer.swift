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

    /// One run under the writer lock. Throws only when nothing was done (exit status 2);
    /// files that failed are in the summary (exit status 1).
    public func run(rebuild: Bool) throws(IndexerError) -> IndexSummary {
        let started = Date()
        do {
            try FileManager.default.createDirectory(atPath: layout.root, withIntermediateDirectories: true)
        } catch {
            throw .filesystem("cannot create the index folder \(layout.root): \(error.localizedDescription)")
        }
        let lock: WriterLock
        do { lock = try WriterLock(path: layout.lockFile, purpose: rebuild ? "rebuild" : "update") } catch {
            throw .locked(error)
        }
        defer { withExtendedLifetime(lock) {} }
        GenerationCleaner(layout: layout).removeDebris()

        let scan: FileScanner
        do { scan = try FileScanner.scan(root: options.articlesRoot) } catch { throw .articlesRoot(error) }

        var summary: IndexSummary
        if let current = layout.currentGeneration(), !rebuild,
            FileManager.default.fileExists(atPath: layout.generationDirectory(current))
        {
            summary = try update(generation: current, scan: scan)
        } else {
            summary = try RebuildRun(indexer: self, parser: parser).run(scan: scan)
        }
        summary.skipped = scan.skipped.count
        summary.failed += scan.problems.count
        summary.failures += scan.problems
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Incremental: parse what changed, delete what vanished, leave the rest unread.
    private func update(generation: Int, scan: FileScanner) throws(IndexerError) -> IndexSummary {
        let path = layout.generationDirectory(generation)
        var summary = IndexSummary()
        summary.generation = generation
        do {
            let manifest = try Manifest.load(from: IndexReader(path: path, stemLanguage: options.stemLanguage))
            let sink = try ArticleSink(writer: IndexWriter(path: path, stemLanguage: options.stemLanguage),
                                       owners: manifest.owners, commitEvery: options.commitEvery)
            var changed: [ScannedFile] = []
            for file in scan.files {
                if let entry = manifest.files[file.relativePath], let key = entry.key, key.size == file.size,
                    key.modified == file.modified
                {
                    summary.unchanged += entry.articles
                } else {
                    changed.append(file)
                }
            }
            // Vanished files go first, so that an id they held is free for a file that also has it.
            let present = Set(scan.files.map(\.relativePath))
            for (file, entry) in manifest.files where !present.contains(file) {
                try sink.forget(file: file, entry: entry)
                summary.deleted += entry.articles
            }
            try ingest(changed, into: sink, manifest: manifest, summary: &summary, alreadyDone: scan.files.count - changed.count, total: scan.files.count)
            try sink.finish(summary: &summary)
            try sink.writer.setMetadata(MetadataKey.updated, WireDate.format(Date()))
            try sink.writer.commit()
            summary.documents = try sink.writer.documentCount()
        } catch {
            throw .index(error)
        }
        return summary
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
}
