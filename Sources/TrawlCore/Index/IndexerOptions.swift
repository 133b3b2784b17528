import Foundation

/// Everything a `trawl-index` run needs to know.
public struct IndexerOptions: Sendable {
    /// The index folder (holds `current`, `gen-N/`, `.lock`).
    public var indexRoot: String
    /// The folder of article files.
    public var articlesRoot: String
    public var stemLanguage = "english"
    public var boilerplate: BoilerplateRules = .defaults
    /// Where article dates written without a zone are read.
    public var timeZone = TimeZone(identifier: "UTC")!
    /// Articles published this many days apart at most can share a story (`indexing.story_window_days`).
    public var storyWindowDays = StoryGrouper.defaultWindowDays
    /// Optional synonyms file: `word: synonym, synonym` per line.
    public var synonymsFile: String?
    /// Room (bytes) the live generation must have left before a batch is written to it
    /// (`ingest.min_free_mb`; 0: never checked): trawld's pushes are refused below it, `--watch`
    /// waits for it (`IndexRoom`).
    public var minimumRoom: Int64 = 0
    /// Commit after this many changed articles (bounds memory; readers see progress).
    public var commitEvery = 2000
    /// Writer threads for `--rebuild`, each filling databases of its own (merged at the end).
    public var writers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Shards of the generation `--rebuild` writes (`indexing.shards`); an existing generation keeps its own count.
    public var shards = 1
    /// Files parsed in parallel per batch (incremental runs).
    public var batchSize = 256
    /// ... and at most this many bytes of files per batch (one bigger file goes alone).
    public var batchBytes: Int64 = 64 << 20
    /// Called now and then from the indexing thread.
    public var progress: (@Sendable (IndexProgress) -> Void)?
    /// A rebuild that finds no articles replaces a non-empty index only when this is set.
    public var allowEmpty = false
    /// An incremental run that would delete more than this share of the index is refused
    /// (and one that would delete every article, whatever the share) unless `allowMassDelete`.
    public var maxDeleteShare = 0.5
    public var allowMassDelete = false
    /// An incremental run from another root than the index was built from is refused unless set.
    public var allowRootChange = false

    public init(indexRoot: String, articlesRoot: String) {
        self.indexRoot = indexRoot
        self.articlesRoot = articlesRoot
    }
}

/// Why a run did nothing (exit status 2).
public enum IndexerError: Error, Sendable, CustomStringConvertible {
    case locked(WriterLockError)
    case articlesRoot(FileProblemError)
    case index(TrawlError)
    case filesystem(String)
    case verification(String)
    case refusingEmpty(existing: Int, root: String)
    case synonyms(String)
    case rootChanged(recorded: String, requested: String)
    case massDelete(deleting: Int, documents: Int, maxShare: Double, root: String)
    case noIndex(String)
    case noPreviousGeneration(live: Int)
    case notAnIndexFolder(String)

    public var description: String {
        switch self {
        case .locked(let error): error.description
        case .articlesRoot(let error): error.description
        case .index(let error): error.description
        case .filesystem(let message): message
        case .verification(let message): "the new generation failed verification: \(message); the live index is unchanged"
        case .refusingEmpty(let existing, let root):
            "found no articles under \(root); refusing to replace the live index (\(existing) articles) with an empty one (check the path, or pass --allow-empty)"
        case .synonyms(let message): message
        case .rootChanged(let recorded, let requested):
            "the index was built from \(recorded), not from \(requested); an incremental run from another folder"
                + " would delete or re-key its articles, so nothing was changed (check the path; pass"
                + " --allow-root-change to index \(requested) into this index anyway, or --rebuild to build it from there)"
        case .massDelete(let deleting, let documents, let maxShare, let root):
            "this run would delete \(deleting) of the \(documents) articles in the index, as their files are gone from \(root)"
                + (deleting == documents ? " (every article)" : " (more than indexing.max_delete_share, \(maxShare), of it)")
                + "; nothing was changed (check that the folder is the right one and mounted; pass --allow-mass-delete"
                + " if the files were really removed)"
        case .noIndex(let path): "there is no index at \(path) (run trawl-index to build one)"
        case .notAnIndexFolder(let message): message
        case .noPreviousGeneration(let live):
            "there is no previous generation to roll back to: generation \(live) is live and no older one is kept"
                + " (a rebuild keeps the generation it replaced)"
        }
    }

    /// A short name for scripts (`--json`'s `error.code`).
    public var code: String {
        switch self {
        case .locked(.held): "locked"  // another run: worth waiting for
        case .locked(.unavailable): "filesystem"  // the lock file cannot be made: waiting will not help
        case .articlesRoot: "bad_root"
        case .index: "index"
        case .filesystem: "filesystem"
        case .verification: "verification"
        case .refusingEmpty: "refusing_empty"
        case .synonyms: "bad_config"
        case .rootChanged: "root_changed"
        case .massDelete: "mass_delete"
        case .noIndex: "no_index"
        case .noPreviousGeneration: "no_previous_generation"
        case .notAnIndexFolder: "bad_index_folder"
        }
    }
}
