/// What one `trawl-index` run did. Articles for added/updated/unchanged/deleted, files for skipped/failed.
public struct IndexSummary: Sendable, Codable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var deleted = 0
    /// Files that are not articles (by extension), plus sockets and the like.
    public var skipped = 0
    /// Files that could not be read or parsed; each is listed in `failures`.
    public var failed = 0
    public var failures: [FileProblem] = []
    /// Files indexed, but perhaps not as meant (a Markdown front matter never closed).
    public var warnings: [FileProblem] = []
    /// The generation now live, and its article count.
    public var generation = 0
    public var documents = 0
    public var rebuilt = false
    /// Something about the run as a whole to tell the operator (a config setting not applied yet).
    public var notice: String?
    public var seconds = 0.0
    /// A rebuild's catch-up (`RebuildCatchUp`); nil for other runs.
    public var catchup: CatchUpCounts?

    public init() {}

    /// Adds another part's counts (a rebuild's shards).
    mutating func add(_ other: IndexSummary) {
        added += other.added
        updated += other.updated
        unchanged += other.unchanged
        deleted += other.deleted
        skipped += other.skipped
        failed += other.failed
        failures += other.failures
        warnings += other.warnings
    }

    /// A rebuild's catch-up (`Indexer.catchUp`): its changes count; a failure of a file the build
    /// already reported is not listed twice.
    mutating func addCaughtUp(_ other: IndexSummary) {
        added += other.added
        updated += other.updated
        deleted += other.deleted
        let reported = Set(failures.map(\.path))
        failures += other.failures.filter { !reported.contains($0.path) }
        failed = failures.count
        let warned = Set(warnings.map(\.path))
        warnings += other.warnings.filter { !warned.contains($0.path) }
    }

    /// One entry per file, in path order, however many reasons it had; `failed` counts files.
    mutating func combineFailuresByFile() {
        var reasons: [String: [String]] = [:]
        for failure in failures { reasons[failure.path, default: []].append(failure.reason) }
        failures = reasons.keys.sorted().map { FileProblem(path: $0, reason: ArticleParseError.joined(reasons[$0]!)) }
        failed = failures.count
    }

    /// `added 3, updated 1, unchanged 120, deleted 2, skipped 4, failed 1`
    public var line: String {
        "added \(added), updated \(updated), unchanged \(unchanged), deleted \(deleted), skipped \(skipped), failed \(failed)"
    }
}

/// The files a rebuild's catch-up read or removed after the build's scan: in all, and in its
/// pass under the live writer lock (what kept the live generation's writers waiting).
public struct CatchUpCounts: Sendable, Codable, Equatable {
    public var files = 0
    public var locked = 0
}

/// How far a run has got, for a progress bar.
public struct IndexProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
}
