import Foundation

/// The writing phase of `--rebuild`. Xapian allows one writer per database, and that writer,
/// not parsing, is where the time goes (several ms of CPU per article), so each core fills a
/// shard database of its own from a shared queue of files. `RebuildRun` then merges the shards
/// into one generation with Xapian's compaction.
struct ShardedBuild {
    let options: IndexerOptions
    let parser: ArticleParser
    /// In scan order: when two files hold the same article id, the earlier one keeps it.
    let files: [ScannedFile]
    /// Written into the first shard, so the merged generation holds them once.
    let metadata: [(key: String, value: String)]
    let synonyms: [SynonymPair]

    struct Outcome {
        var shardPaths: [String]
        var summary: IndexSummary
        var articleCount: Int
        /// One article id to look up when verifying the merged generation.
        var probeID: String?
    }

    /// How many shards to write: one per writer thread, but never a shard for a handful of files.
    var shardCount: Int { max(1, min(options.writers, files.count / 32)) }

    func run(in directory: String) throws(IndexerError) -> Outcome {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .filesystem("cannot create \(directory): \(error.localizedDescription)")
        }
        let paths = (0..<shardCount).map { directory + "/shard-\($0)" }
        let queue = FileQueue(total: files.count, progress: options.progress)
        let results = ResultSlots<Result<ShardResult, TrawlError>>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { shard in
            let result = Result { () throws(TrawlError) -> ShardResult in
                try writeShard(shard, at: paths[shard], queue: queue)
            }
            if case .failure = result { queue.cancel() }
            results.store(result, at: shard)
        }
        var shards: [ShardResult] = []
        for result in results.values() {
            switch result {
            case .success(let shard): shards.append(shard)
            case .failure(let error): throw .index(error)
            }
        }
        options.progress?(IndexProgress(filesDone: files.count, filesTotal: files.count))
        return try merge(shards, paths: paths)
    }

    /// One writer thread: takes files off the queue, parses them and writes their articles.
    private func writeShard(_ shard: Int, at path: String, queue: FileQueue) throws(TrawlError) -> ShardResult {
        let sink = ArticleSink(
            writer: try IndexWriter(path: path, stemLanguage: options.stemLanguage), fresh: true,
            commitEvery: options.commitEvery)
        var summary = IndexSummary()
        while let range = queue.take() {
            for index in range {
                let parsed = ParsedFile.parse(files[index], parser: parser)
                try sink.write(parsed, previous: nil, summary: &summary)
            }
            queue.finished(range.count)
        }
        if shard == 0 {
            for pair in synonyms { try sink.writer.addSynonym(pair.term, pair.synonym) }
            for entry in metadata { try sink.writer.setMetadata(entry.key, entry.value) }
        }
        try sink.writer.commit()
        return ShardResult(summary: summary, owners: sink.owners, duplicates: sink.duplicates)
    }

    /// Adds up the shards' summaries, and applies `DuplicateArticle`'s rule across shards: an
    /// article whose id an earlier file (in path order) holds in another shard is taken out of
    /// its shard, its file's fingerprint too (so incremental runs read it again and report it).
    private func merge(_ shards: [ShardResult], paths: [String]) throws(IndexerError) -> Outcome {
        var owners: [String: (path: String, shard: Int)] = [:]
        var losers: [Int: [DuplicateArticle]] = [:]
        var duplicates = shards.flatMap(\.duplicates)
        for (shard, result) in shards.enumerated() {
            for (id, path) in result.owners {
                guard let owner = owners[id] else {
                    owners[id] = (path, shard)
                    continue
                }
                if DuplicateArticle.wins(path, over: owner.path) {
                    losers[owner.shard, default: []].append(DuplicateArticle(id: id, path: owner.path, keptIn: path))
                    owners[id] = (path, shard)
                } else {
                    losers[shard, default: []].append(DuplicateArticle(id: id, path: path, keptIn: owner.path))
                }
            }
        }

        var summary = IndexSummary()
        for result in shards { summary.add(result.summary) }
        for (shard, removed) in losers {
            do {
                let writer = try IndexWriter(path: paths[shard], stemLanguage: options.stemLanguage)
                for loser in removed { try writer.delete(id: loser.id) }
                for path in Set(removed.map(\.path)) { try writer.setMetadata(FileFingerprint.key(for: path), "") }
                try writer.commit()
            } catch {
                throw .index(error)
            }
            summary.added -= removed.count
            duplicates += removed
        }
        // A shard's own duplicates name the file it kept; another shard's may hold the id now.
        for index in duplicates.indices {
            if let owner = owners[duplicates[index].id] { duplicates[index].keptIn = owner.path }
        }
        summary.failures += duplicates.map(\.problem)
        summary.combineFailuresByFile()
        let probe = owners.min { ($0.value.path, $0.key) < ($1.value.path, $1.key) }?.key
        return Outcome(shardPaths: paths, summary: summary, articleCount: owners.count, probeID: probe)
    }
}

/// What one shard's writer thread produced.
private struct ShardResult: Sendable {
    var summary: IndexSummary
    /// article id -> file it came from
    var owners: [String: String]
    /// Articles the shard left out for their id.
    var duplicates: [DuplicateArticle]
}

/// Hands out runs of file indices to the writer threads, in order, and reports progress.
private final class FileQueue: @unchecked Sendable {
    // NOTE: @unchecked is sound: every mutable field is read and written under `lock` only.
    private let lock = NSLock()
    private let total: Int
    private let progress: (@Sendable (IndexProgress) -> Void)?
    private var next = 0
    private var done = 0
    private var cancelled = false
    /// Small runs keep the shards balanced when file sizes vary.
    private let run = 16

    init(total: Int, progress: (@Sendable (IndexProgress) -> Void)?) {
        self.total = total
        self.progress = progress
    }

    func take() -> Range<Int>? {
        lock.withLock {
            guard !cancelled, next < total else { return nil }
            let range = next..<min(next + run, total)
            next = range.upperBound
            return range
        }
    }

    func finished(_ count: Int) {
        lock.withLock {
            done += count
            progress?(IndexProgress(filesDone: done, filesTotal: total))
        }
    }

    /// A shard failed: the others stop after their current run.
    func cancel() { lock.withLock { cancelled = true } }
}
