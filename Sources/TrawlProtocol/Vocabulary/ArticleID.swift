/// The rules a pushed article's id follows: those of the ids files give (a path relative to the
/// articles root, or a JSON `id`), which are text that scripts print one per line and pass as
/// arguments: not empty, no control characters (a newline, a tab, NUL), no white space at either
/// end, and at most `Limits.articleIDBytes` bytes.
public enum ArticleID {
    /// What is wrong with `id`, or nil when it follows the rules.
    public static func problem(_ id: String) -> String? {
        if id.isEmpty { return "is empty" }
        if id.utf8.count > Limits.articleIDBytes { return "is \(id.utf8.count) bytes long; at most \(Limits.articleIDBytes) are allowed" }
        if let control = id.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            return "holds the control character U+\(String(control.value, radix: 16, uppercase: true)); ids are printable text"
        }
        if let first = id.unicodeScalars.first, let last = id.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        {
            return "starts or ends with white space"
        }
        return nil
    }
}
