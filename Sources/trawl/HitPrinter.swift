#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrawlWire

/// Human output: rank, bold title, "source · date · id", highlighted snippet, and a footer.
struct HitPrinter {
    /// Private-use markers asked of the daemon, replaced here by the terminal's highlight.
    static let markStart: Unicode.Scalar = "\u{E000}"
    static let markEnd: Unicode.Scalar = "\u{E001}"

    let style: TerminalStyle

    func print(response: WireValue, elapsed: Duration) {
        let hits = response["hits"]?.elements ?? []
        if let corrected = response["corrected"]?.text {
            let searched = response["searched_corrected"]?.bool == true
            Swift.print(style.dim(searched ? "Showing results for: " : "Did you mean: ") + style.bold(corrected))
        }
        for hit in hits {
            let rank = hit["rank"]?.int ?? 0
            Swift.print("\(rank). " + style.bold(hit["title"]?.text ?? hit["id"]?.text ?? ""))
            Swift.print("   " + style.dim(Self.metaLine(hit)))
            if let snippet = hit["snippet"]?.text { Swift.print("   " + render(snippet)) }
            Swift.print()
        }
        printFacets(response["facets"]?.members ?? [:])
        let total = response["total"]?["estimate"]?.int ?? hits.count
        let took = response["took_ms"]?.double.map { Decimals.fixed($0, places: 1) }
            ?? Decimals.milliseconds(elapsed, places: 1)
        let noun = total == 1 ? "article" : "articles"
        Swift.print(style.dim("\(hits.count) of about \(total) \(noun) · \(took) ms"))
    }

    /// `source · date · id`, leaving out what the article does not have.
    static func metaLine(_ fields: WireValue) -> String {
        let date = fields["date"]?.text.map { String($0.prefix(10)) }
        return [fields["source"]?.text, date, fields["id"]?.text].compactMap { $0 }.joined(separator: " · ")
    }

    private func printFacets(_ facets: [String: WireValue]) {
        for (name, counts) in facets.sorted(by: { $0.key < $1.key }) {
            let items = (counts.members ?? [:]).map { ($0.key, $0.value.int ?? 0) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            Swift.print(style.dim("\(name): ") + items.map { "\($0.0) (\($0.1))" }.joined(separator: ", "))
        }
    }

    /// Xapian escapes snippets for HTML; a terminal wants the text back, on one line, with the
    /// markers turned into the terminal's highlight. One pass over the text.
    private func render(_ snippet: String) -> String {
        var out = String.UnicodeScalarView()
        var rest = Substring(snippet).unicodeScalars
        var spacePending = false
        while let scalar = rest.first {
            if scalar.properties.isWhitespace {
                spacePending = !out.isEmpty
                rest.removeFirst()
                continue
            }
            if spacePending {
                out.append(" ")
                spacePending = false
            }
            if scalar == "&", let (text, entity) = Self.entities.first(where: { rest.starts(with: $0.entity.unicodeScalars) }) {
                out.append(contentsOf: text.unicodeScalars)
                rest.removeFirst(entity.unicodeScalars.count)
                continue
            }
            switch scalar {
            case Self.markStart: out.append(contentsOf: style.highlightOn.unicodeScalars)
            case Self.markEnd: out.append(contentsOf: style.highlightOff.unicodeScalars)
            default: out.append(scalar)
            }
            rest.removeFirst()
        }
        return String(out)
    }

    /// The escapes Xapian's snippets use.
    private static let entities: [(text: String, entity: String)] = [
        ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;"), ("&", "&amp;"),
    ]
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
            let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
            return TerminalStyle(enabled: isatty(STDOUT_FILENO) == 1 && !noColor)
        }
    }

    func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { enabled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    var highlightOn: String { enabled ? "\u{1B}[1;33m" : "" }
    var highlightOff: String { enabled ? "\u{1B}[0m" : "" }
}
