import Foundation

/// Human output: rank, bold title, "source · date · id", highlighted snippet, and a footer.
struct HitPrinter {
    /// Private-use markers asked of the daemon, replaced here by the terminal's highlight.
    static let markStart = "\u{E000}"
    static let markEnd = "\u{E001}"

    let style: TerminalStyle

    func print(response: [String: Any], elapsed: TimeInterval) {
        let hits = response["hits"] as? [[String: Any]] ?? []
        if let corrected = response["corrected"] as? String {
            let searched = response["searched_corrected"] as? Bool == true
            Swift.print(style.dim(searched ? "Showing results for: " : "Did you mean: ") + style.bold(corrected))
        }
        for hit in hits {
            let rank = hit["rank"] as? Int ?? 0
            Swift.print("\(rank). " + style.bold(hit["title"] as? String ?? hit["id"] as? String ?? ""))
            Swift.print("   " + style.dim(Self.metaLine(hit)))
            if let snippet = hit["snippet"] as? String { Swift.print("   " + render(snippet)) }
            Swift.print()
        }
        printFacets(response["facets"] as? [String: [String: Int]] ?? [:])
        let total = (response["total"] as? [String: Any])?["estimate"] as? Int ?? hits.count
        let took = response["took_ms"] as? Double ?? elapsed * 1000
        let noun = total == 1 ? "article" : "articles"
        Swift.print(style.dim("\(hits.count) of about \(total) \(noun) · \(String(format: "%.1f", took)) ms"))
    }

    /// `source · date · id`, leaving out what the article does not have.
    static func metaLine(_ fields: [String: Any]) -> String {
        let date = (fields["date"] as? String).map { String($0.prefix(10)) }
        return [fields["source"] as? String, date, fields["id"] as? String].compactMap { $0 }.joined(separator: " · ")
    }

    private func printFacets(_ facets: [String: [String: Int]]) {
        for (name, counts) in facets.sorted(by: { $0.key < $1.key }) {
            let items = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            Swift.print(style.dim("\(name): ") + items.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
        }
    }

    /// Xapian escapes snippets for HTML; a terminal wants the text back.
    private func render(_ snippet: String) -> String {
        let text = snippet
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        let oneLine = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return oneLine.replacingOccurrences(of: Self.markStart, with: style.highlightOn)
            .replacingOccurrences(of: Self.markEnd, with: style.highlightOff)
    }
}

/// ANSI styling, only on a terminal, never with NO_COLOR or --color never.
struct TerminalStyle {
    let enabled: Bool

    static var current: TerminalStyle { resolve("auto") }

    static func resolve(_ choice: String) -> TerminalStyle {
        switch choice {
        case "always": return TerminalStyle(enabled: true)
        case "never": return TerminalStyle(enabled: false)
        default:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return TerminalStyle(enabled: isatty(STDOUT_FILENO) == 1 && !noColor)
        }
    }

    func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { enabled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    var highlightOn: String { enabled ? "\u{1B}[1;33m" : "" }
    var highlightOff: String { enabled ? "\u{1B}[0m" : "" }
}
