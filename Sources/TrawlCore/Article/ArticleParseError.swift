/// Why one file could not be turned into articles.
///
/// `reason` says what is wrong and, where it helps, what to fix
/// (`"invalid UTF-8 at byte 1234; convert the file to UTF-8"`).
public struct ArticleParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the file, in words a person can act on.
    public let reason: String

    /// Creates an error with the given human-readable reason.
    public init(reason: String) {
        self.reason = reason
    }

    /// The reason, as printed in logs and index reports.
    public var description: String { reason }
}

extension ArticleParseError {
    static let emptyFile = ArticleParseError(reason: "empty file")
    static let binaryFile = ArticleParseError(reason: "binary file (contains NUL bytes)")
    static let noText = ArticleParseError(
        reason: "no article text after removing boilerplate; the file has no title or body left to index")

    /// How many of a file's reasons a report lists before it only counts the rest.
    static let reasonsListed = 10

    /// A file's reasons in one line, joined by "; ": the first `reasonsListed`, then how many more,
    /// so that a file with thousands of bad lines (a pretty-printed JSON document saved as `.jsonl`,
    /// a copy of a feed whose every id is taken) is reported in a line a person can read.
    static func joined(_ reasons: [String]) -> String {
        let listed = reasons.prefix(reasonsListed).joined(separator: "; ")
        let more = reasons.count - reasonsListed
        return more > 0 ? listed + "; and \(more) more like these in this file" : listed
    }

    /// The same error with a location such as `line 3` in front of it.
    func at(_ location: String) -> ArticleParseError {
        ArticleParseError(reason: "\(location): \(reason)")
    }
}
