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
    /// Optional synonyms file: `word: synonym, synonym` per line.
    public var synonymsFile: String?
    /// Commit after this many changed articles (bounds memory; readers see progress).
    public var commitEvery = 2000
    /// Writer threads for `--rebuild`, each filling its own shard (merged at the end).
    public var writers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Files parsed in parallel per batch (incremental runs).
    public var batchSize = 256
    /// ... and at most this many bytes of files per batch (one bigger file goes alone).
    public var batchBytes: Int64 = 64 << 20
    /// Called now and then from the indexing thread.
    public var progress: (@Sendable (IndexProgress) -> Void)?
    /// A rebuild that finds no articles replaces a non-empty index only when this is set.
    public var allowEmpty = false

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
        }
    }
}
