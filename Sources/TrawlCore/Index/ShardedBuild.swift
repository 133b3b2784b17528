import Foundation

/// The writing phase of `--rebuild`. Xapian allows one writer per database, and that writer,
/// not parsing, is where the time goes (several ms of CPU per article), so each core fills
/// databases of its own from a shared queue of files: one per shard of the generation
/// (`indexing.shards`), each article routed to its shard by `ShardRouter`, and with several shards
/// one lexicon (`ShardedWriter`). `RebuildRun` then merges each shard's parts, one per writer, and
/// the writers' lexicons, with Xapian's compaction (which adds up spelling frequencies).
struct ShardedBuild {
    let options: IndexerOptions
    let parser: ArticleParser
    /// In scan order: when two files hold the same article id, the earlier one keeps it.
    let files: [ScannedFile]
    /// The generation's metadata, written by the first writer into each of its databases, so that
    /// every merged shard holds it once (compaction keeps only the first of several values for a key).
    let metadata: [(key: String, value: String)]
    /// Written by the first writer (into its one database, or its lexicon), so that the generation holds them once.
    let synonyms: [SynonymPair]
    /// The live generation's articles: unchanged ones keep their change numbers.
    let liveCopies: LiveCopies
    /// Numbers the new and changed articles, shared by the writers (it starts at the live counter).
    let sequence: ChangeSequence

    struct Outcome {
        /// Per shard of the generation, the databases the writers filled for it (merged into the shard).
        var partsOfShard: [[String]]
        /// The writers' lexicons, merged into the generation's (none for a generation of one database).
        var lexiconParts: [String]
        var summary: IndexSummary
        var articleCount: Int
        /// One article id to look up when verifying the merged generation.
        var probeID: String?
    }

    /// How many writer threads: one per configured writer, but never one for a handful of files.
    var writerCount: Int { max(1, min(options.writers, files.count / 32)) }

    /// The databases writer `writer` fills, in shard order.
    private func parts(ofWriter writer: Int, in directory: String) -> [String] {
        (0..<options.shards).map { directory + "/w\(writer)-s\($0)" }
    }

    /// The lexicon writer `writer` fills when the generation has several shards.
    private func lexiconPart(ofWriter writer: Int, in directory: String) -> String { directory + "/w\(writer)-lex" }

    func run(in directory: String) throws(IndexerError) -> Outcome {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .filesystem("cannot create \(directory): \(error.localizedDescription)")
        }
        let writers = (0..<writerCount).map { parts(ofWriter: $0, in: directory) }
        let lexicons = (0..<writerCount).map { lexiconPart(ofWriter: $0, in: directory) }
        let queue = FileQueue(total: files.count, progress: options.progress)
        let results = ResultSlots<Result<WriterResult, TrawlError>>(count: writers.count)
        DispatchQueue.concurrentPerform(iterations: writers.count) { writer in
            let result = Result { () throws(TrawlError) -> WriterResult in
                try write(into: writers[writer], lexicon: lexicons[writer], first: writer == 0, queue: queue)
            }
            if case .failure = result { queue.cancel() }
            results.store(result, at: writer)
        }
        var written: [WriterResult] = []
        for result in results.values() {
            switch result {
            case .success(let writer): written.append(writer)
            case .failure(let error): throw .index(error)
            }
        }
        options.progress?(IndexProgress(filesDone: files.count, filesTotal: files.count))
        return try merge(written, writers: writers, lexicons: lexicons)
    }

    /// One writer thread: takes files off the queue, parses them and writes their articles.
    private func write(into parts: [String], lexicon: String, first: Bool, queue: FileQueue) throws(TrawlError) -> WriterResult {
        let sink = ArticleSink(
            writer: try openArticleWriter(shards: parts, lexicon: lexicon, stemLanguage: options.stemLanguage, sequence: sequence),
            fresh: true, liveCopies: liveCopies, commitEvery: options.commitEvery)
        var summary = IndexSummary()
        while let range = queue.take() {
            for index in range {
                let parsed = ParsedFile.parse(files[index], parser: parser)
                try sink.write(parsed, previous: nil, summary: &summary)
            }
            queue.finished(range.count)
        }
        if first {
            for pair in synonyms { try sink.writer.addSynonym(pair.term, pair.synonym) }
            for entry in metadata { try sink.writer.setMetadata(entry.key, entry.value) }
        }
        try sink.writer.commit()
        return WriterResult(summary: summary, owners: sink.owners, duplicates: sink.duplicates)
    }

    /// Adds up the writers' summaries, and applies `DuplicateArticle`'s rule across writers: an
    /// article whose id an earlier file (in path order) holds in another writer's databases is
    /// taken out of them (from the shard its id routes to), its file's fingerprint too (so
    /// incremental runs read it again and report it).
    private func merge(_ written: [WriterResult], writers: [[String]], lexicons: [String]) throws(IndexerError) -> Outcome {
        var owners: [String: (path: String, writer: Int)] = [:]
        var losers: [Int: [DuplicateArticle]] = [:]
        var duplicates = written.flatMap(\.duplicates)
        for (writer, result) in written.enumerated() {
            for (id, path) in result.owners {
                guard let owner = owners[id] else {
                    owners[id] = (path, writer)
                    continue
                }
                if DuplicateArticle.wins(path, over: owner.path) {
                    losers[owner.writer, default: []].append(DuplicateArticle(id: id, path: owner.path, keptIn: path))
                    owners[id] = (path, writer)
                } else {
                    losers[writer, default: []].append(DuplicateArticle(id: id, path: path, keptIn: owner.path))
                }
            }
        }

        var summary = IndexSummary()
        for result in written { summary.add(result.summary) }
        for (writer, removed) in losers {
            do {
                let databases = try openArticleWriter(
                    shards: writers[writer], lexicon: lexicons[writer], stemLanguage: options.stemLanguage, sequence: sequence)
                for loser in removed { try databases.delete(id: loser.id) }
                for path in Set(removed.map(\.path)) { try databases.setMetadata(FileFingerprint.key(for: path), "") }
                try databases.commit()
            } catch {
                throw .index(error)
            }
            summary.added -= removed.count
            duplicates += removed
        }
        // A writer's own duplicates name the file it kept; another writer's may hold the id now.
        for index in duplicates.indices {
            if let owner = owners[duplicates[index].id] { duplicates[index].keptIn = owner.path }
        }
        summary.failures += duplicates.map(\.problem)
        summary.combineFailuresByFile()
        let probe = owners.min { ($0.value.path, $0.key) < ($1.value.path, $1.key) }?.key
        let partsOfShard = (0..<options.shards).map { shard in writers.map { $0[shard] } }
        return Outcome(
            partsOfShard: partsOfShard, lexiconParts: options.shards > 1 ? lexicons : [], summary: summary,
            articleCount: owners.count, probeID: probe)
    }
}

/// What one writer thread produced.
private struct WriterResult: Sendable {
    var summary: IndexSummary
    /// article id -> file it came from
    var owners: [String: String]
    /// Articles the writer left out for their id.
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
    /// Small runs keep the writers balanced when file sizes vary.
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

    /// A writer failed: the others stop after their current run.
    func cancel() { lock.withLock { cancelled = true } }
}
