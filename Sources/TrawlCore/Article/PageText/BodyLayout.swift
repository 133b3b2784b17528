/// Lays out body lines as paragraphs separated by one blank line.
enum BodyLayout {
    /// How the source marks paragraphs.
    enum Paragraphs {
        /// Each non-blank line is a paragraph (scraped text, HTML blocks).
        case eachLine
        /// Blank lines separate paragraphs; lines inside one stay on their own lines (Markdown, JSON).
        case blankLineSeparated
    }

    /// Joins trimmed lines; runs of blank lines collapse, and none lead or trail.
    static func join(_ lines: [String], _ paragraphs: Paragraphs) -> String {
        var body = ""
        var pendingBreak = ""
        for line in lines {
            if line.isEmpty {
                if !body.isEmpty { pendingBreak = "\n\n" }
                continue
            }
            body += pendingBreak
            body += line
            pendingBreak = paragraphs == .eachLine ? "\n\n" : "\n"
        }
        return body
    }
}
