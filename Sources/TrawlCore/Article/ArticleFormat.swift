/// How an article file is laid out, chosen from its file name extension.
public enum ArticleFormat: Sendable, Equatable, CaseIterable {
    /// A scraped page as plain text (`.txt`).
    case text
    /// Markdown with optional YAML front matter (`.md`, `.markdown`).
    case markdown
    /// An HTML page (`.html`, `.htm`).
    case html
    /// One JSON article object, or an array of them (`.json`).
    case json
    /// One JSON article object per line (`.jsonl`, `.ndjson`).
    case jsonLines

    /// Picks the format from the path's extension, ignoring case.
    ///
    /// Returns `nil` when the file is not an article file (the caller counts it as skipped).
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "txt": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonLines
        default: return nil
        }
    }
}
