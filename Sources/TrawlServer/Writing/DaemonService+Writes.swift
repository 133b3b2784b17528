import Logging
import TrawlCore

extension DaemonService {
    /// The write side: nothing when write access is not configured; else the ingest folder is
    /// checked (and created) and the writer thread started. Throws `DaemonStartupError` saying
    /// what to set when the articles root or the ingest folder cannot be used.
    func makeWrites(pool: WorkerPool, logger: Logger) throws -> Writes {
        let access = WriteAccess(uids: Set(config.socket.writeUIDs), gids: Set(config.socket.writeGIDs))
        guard access.isConfigured else { return Writes(access: access, writer: nil) }
        let folder = try IngestFolder(root: config.articlesRoot, folder: config.ingestPath)
        try checkIndexedRoot(folder.root)
        let options: IndexerOptions
        do { options = try IndexerOptions(config: config) } catch { throw DaemonStartupError(error.message) }
        logger.info("write access on", metadata: [
            "write_uids": "\(config.socket.writeUIDs)", "write_gids": "\(config.socket.writeGIDs)", "ingest_folder": "\(folder.path)",
        ])
        let writer = PushWriter(pool: pool, logger: logger) {
            let indexer = Indexer(options: options)
            let parser = ArticleParser(boilerplate: options.boilerplate, timeZone: options.timeZone)
            return PushBatch(
                live: LiveBatch(indexer: indexer), folder: folder, parser: parser, layout: indexer.layout,
                minimumRoom: options.minimumRoom)
        }
        return Writes(access: access, writer: writer)
    }

    /// Pushed articles must be under the root the index is built from, or a rebuild would not find them.
    private func checkIndexedRoot(_ root: String) throws {
        let layout = IndexLayout(root: config.indexPath)
        guard let generation = layout.currentGeneration(),
            let reader = try? IndexReader(path: layout.shardPaths(generation: generation)[0]),
            let recorded = try? reader.metadata(MetadataKey.articlesRoot), !recorded.isEmpty, recorded != root
        else { return }
        throw DaemonStartupError(
            "the index \(config.indexPath) is built from \(recorded), but articles.root (TRAWL_ARTICLES_ROOT) is \(root):"
                + " pushed articles would not be found by the next rebuild; set articles.root to \(recorded)")
    }
}
