/// An article left out because another article has its id.
///
/// The rule, the same for `--rebuild` and incremental runs: of the articles that share an id,
/// the one in the first file in path order (the relative paths sorted, as the scan lists them) is
/// indexed, and within a file the first (line or item order); every other is reported with the
/// path that holds the one indexed. A file with such an article is read again by every run,
/// so the report stays true when the winner goes.
struct DuplicateArticle: Sendable, Equatable {
    var id: String
    /// The file whose article was left out.
    var path: String
    /// The file whose article is indexed.
    var keptIn: String

    var problem: FileProblem {
        let reason = keptIn == path
            ? "article id '\(id)' appears more than once in this file; only the first is indexed (ids must be unique)"
            : "article id '\(id)' is also in \(keptIn), which comes first in path order and is the one indexed; "
                + "this one is not (ids must be unique)"
        return FileProblem(path: path, reason: reason)
    }

    /// Whether the file at `path` holds the article indexed for an id, against one at `other`.
    static func wins(_ path: String, over other: String) -> Bool { path < other }
}
