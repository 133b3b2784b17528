import Foundation

/// `trawl-index --rebuild`: builds a complete new generation beside the live one, verifies it,
/// catches up with what changed meanwhile (`RebuildCatchUp`), then switches `current` to it by one rename. Killed at any point, the live index is untouched
/// and the next run removes the debris.
struct RebuildRun {
    let indexer: Indexer
    let parser: ArticleParser
    var options: IndexerOptions { indexer.options }
    var layout: IndexLayout { indexer.layout }

    func run(scan: FileScanner, synonyms: [SynonymPair]) throws(IndexerError) -> IndexSummary {
        let previous = layout.currentGeneration()
        let number = (layout.generationsOnDisk().map(\.number).max() ?? 0) + 1
        let building = layout.buildingDirectory(number)
        var summary = IndexSummary()
        summary.rebuilt = true
        summary.generation = number

        let liveCopies = LiveCopies.load(layout, stemLanguage: options.stemLanguage)
        let sequence = ChangeSequence(last: liveCopies.last)
        let (expected, probe) = try build(
            into: building, generation: number, scan: scan, synonyms: synonyms, live: liveCopies, sequence: sequence,
            summary: &summary)
        let existing = previous.flatMap { _ in try? IndexReader(path: layout.currentStub).documentCount() } ?? 0
        if expected == 0, existing > 0, !options.allowEmpty {
            try? FileManager.default.removeItem(atPath: building)
            throw .refusingEmpty(existing: existing, root: options.articlesRoot)
        }
        try verify(building, expected: expected, probe: probe)
        summary.documents = expected

        // The live writer lock only for the catch-up's last pass and the switch: nothing reaches the
        // live generation that this one does not hold too (docs/design/watch.md).
        var catchUp = RebuildCatchUp(indexer: indexer, building: building, builtFrom: scan, liveCopies: liveCopies, sequence: sequence)
        let live: WriterLock
        do {
            try catchUp.passesWithoutLock(summary: &summary)
            live = try indexer.waitForLock(layout.lockFile, purpose: "rebuild: catching up and switching")
            try catchUp.passUnderLock(summary: &summary)
        } catch {
            try? FileManager.default.removeItem(atPath: building)
            throw error
        }
        defer { withExtendedLifetime(live) {} }
        summary.catchup = catchUp.counts

        let final = layout.generationDirectory(number)
        guard rename(building, final) == 0 else { throw .filesystem(POSIXFailure("cannot rename \(building)").description) }
        syncDirectory(layout.root)
        do { try layout.switchCurrent(to: number, shards: options.shards) } catch { throw .filesystem("\(error)") }
        GenerationCleaner(layout: layout).pruneOld(keeping: number, previous: previous)
        return summary
    }

    /// Writes every article in parallel, then merges each shard's parts into `path` (the generation
    /// itself, or its `shard-k` folders and `lexicon`) by compaction, then puts copies into groups
    /// and stories (in date order, across all shards: `GenerationGrouping`). Returns the article count and one id to probe.
    private func build(
        into path: String, generation: Int, scan: FileScanner, synonyms: [SynonymPair], live: LiveCopies,
        sequence: ChangeSequence, summary: inout IndexSummary
    ) throws(IndexerError) -> (Int, String?) {
        let shardsDirectory = layout.shardsDirectory(generation)
        defer { try? FileManager.default.removeItem(atPath: shardsDirectory) }
        let shards = ShardedBuild(
            options: options, parser: parser, files: scan.files,
            metadata: [
                (MetadataKey.generation, String(generation)),
                (MetadataKey.updated, WireDate.format(Date())),
                (MetadataKey.articlesRoot, options.articlesRoot),
            ],
            synonyms: synonyms, liveCopies: live, sequence: sequence)
        let outcome = try shards.run(in: shardsDirectory)
        let count = options.shards
        var outputs = (0..<count).map { shard in
            let name = IndexLayout.shardName(shard, of: count)
            return name.isEmpty ? path : path + "/" + name
        }
        var parts = outcome.partsOfShard
        if !outcome.lexiconParts.isEmpty {
            outputs.append(IndexLayout.lexiconPath(in: path))
            parts.append(outcome.lexiconParts)
        }
        do {
            try compact(parts, into: outputs)
            try GenerationGrouping.run(at: path, stemLanguage: options.stemLanguage, storyWindowDays: options.storyWindowDays)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw .index(error)
        }
        summary.add(outcome.summary)
        return (outcome.articleCount, outcome.probeID)
    }

    /// One compaction per shard (and the lexicon), in parallel.
    private func compact(_ parts: [[String]], into outputs: [String]) throws(TrawlError) {
        if outputs.count > 1, let folder = outputs.first.map({ ($0 as NSString).deletingLastPathComponent }) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .engine(detail: "cannot create \(folder): \(error.localizedDescription)")
            }
        }
        let results = ResultSlots<Result<Void, TrawlError>>(count: outputs.count)
        DispatchQueue.concurrentPerform(iterations: outputs.count) { shard in
            results.store(Result { () throws(TrawlError) in try IndexWriter.compact(parts[shard], into: outputs[shard]) }, at: shard)
        }
        for result in results.values() { try result.get() }
    }

    /// The new generation must open, hold every article, answer a probe query, and pass Xapian's
    /// check of its spelling data, which breaks the next run when damaged (docs/SCHEMA.md, "Spelling").
    /// Xapian's check of the spelling data; its failure names the cause and the way out, not the
    /// engine's "rebuild it" (which is what just failed).
    private static func checkSpelling(at database: String) throws(IndexerError) {
        do throws(TrawlError) {
            try IndexWriter.checkSpelling(at: database)
        } catch {
            let detail = if case .indexCorrupt(_, let detail) = error { detail } else { "\(error)" }
            throw .verification(
                "Xapian cannot read back the spelling data it wrote to \(database) (\(detail)), a Xapian 1.4 bug that "
                    + "long runs of numbered letters-only words (markeraaabx, markeraaabcx, ...) trigger; vary or remove "
                    + "such generated words in the articles (docs/SCHEMA.md, \"Spelling\")")
        }
    }

    private func verify(_ path: String, expected: Int, probe: String?) throws(IndexerError) {
        do {
            let shards = IndexLayout.shardPaths(in: path)
            let lexicon = shards.count > 1 ? IndexLayout.lexiconPath(in: path) : nil
            let reader = try IndexReader(shards: shards, lexicon: lexicon, stemLanguage: options.stemLanguage)
            let count = try reader.documentCount()
            guard count == expected else { throw IndexerError.verification("it holds \(count) articles, expected \(expected)") }
            var everything = SearchQuery(text: "")
            everything.limit = 1
            everything.snippet = false
            let total = try reader.search(everything).total.estimate
            guard total == expected else { throw IndexerError.verification("a probe query found \(total) of \(expected) articles") }
            if let probe { _ = try reader.article(id: probe) }
            for database in shards + [lexicon].compactMap({ $0 }) { try Self.checkSpelling(at: database) }
        } catch let error as IndexerError {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw .verification("\(error)")
        }
    }
}
