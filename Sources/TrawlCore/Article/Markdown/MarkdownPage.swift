/// Reads a Markdown article: front matter for metadata, then the text with light syntax removed.
struct MarkdownPage {
    let boilerplate: BoilerplateRules

    /// What a Markdown file gave.
    struct Reading {
        /// The front matter's `id`, if any.
        var id: String?
        var fields: PageFields
        var warnings: [String] = []
    }

    /// The article's fields from raw (not yet cleaned) text.
    func read(_ text: String) throws(ArticleParseError) -> Reading {
        let (yaml, markdown, unclosed) = FrontMatter.split(text)
        let front = try yaml.map { (yaml) throws(ArticleParseError) in try FrontMatter(yaml: yaml) }
        var (lines, heading) = Self.plainLines(TextNormalizer.clean(String(markdown)))
        var title = front?.title
        if title == nil, let heading, !lines[heading].isEmpty {
            title = lines[heading]
            lines[heading] = ""
        }
        var warnings = front?.warnings.map { "front matter: " + $0 } ?? []
        if unclosed {
            warnings.append(
                "the front matter opened by --- on line 1 is never closed (add a --- line after it); "
                    + "indexed as text" + (title == nil ? ", without a title" : ""))
        }
        // An unclosed block's `title: …` line is not the title: without a heading there is none.
        let knownTitle = title ?? (unclosed ? "" : nil)
        var page = PageText(boilerplate: boilerplate).read(lines, knownTitle: knownTitle, paragraphs: .blankLineSeparated)
        if let title { page.title = title } else if unclosed { page.title = nil }
        if let front {
            page.url = front.url ?? page.url
            page.source = front.source ?? page.source
            page.byline = front.byline ?? page.byline
            page.date = front.date ?? page.date
            page.updated = front.updated ?? page.updated
        }
        return Reading(id: front?.id, fields: page, warnings: warnings)
    }

    /// Trimmed lines without Markdown syntax, and the index of the first level-1 heading.
    /// Fenced code is kept as plain text; fence lines, rules and reference definitions go.
    static func plainLines(_ markdown: String) -> (lines: [String], heading: Int?) {
        var lines: [String] = []
        var heading: Int?
        var fence: String?
        for trimmed in markdown.trimmedLines() {
            let line = trimmed[...]
            if let open = fence {
                if line.hasPrefix(open) { fence = nil; lines.append("") } else { lines.append(String(line)) }
                continue
            }
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                fence = String(line.prefix(3))
                lines.append("")
                continue
            }
            if isRule(line) {
                // `===` under a line makes that line a level-1 heading (setext style).
                if line.hasPrefix("="), heading == nil, let last = lines.indices.last, !lines[last].isEmpty {
                    heading = last
                }
                lines.append("")
                continue
            }
            if isReferenceDefinition(line) { continue }
            let (text, level) = blockText(line)
            if level == 1 && heading == nil { heading = lines.count }
            lines.append(String(MarkdownInline.strip(text).trimmingBlanks()))
        }
        return (lines, heading)
    }

    /// The line without quote, heading and list markers, and its heading level (0 if none).
    private static func blockText(_ line: Substring) -> (Substring, Int) {
        var text = line
        while text.hasPrefix(">") { text = text.dropFirst().trimmingBlanks() }
        let hashes = text.prefix { $0 == "#" }.count
        if (1...6).contains(hashes), text.count == hashes || text.dropFirst(hashes).first == " " {
            var content = text.dropFirst(hashes).trimmingBlanks()
            while content.hasSuffix("#") { content = content.dropLast() }
            return (content.trimmingBlanks(), hashes)
        }
        for marker in ["- ", "* ", "+ "] where text.hasPrefix(marker) {
            return (text.dropFirst(2).trimmingBlanks(), 0)
        }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if (1...9).contains(digits.count), let mark = text.dropFirst(digits.count).first, mark == "." || mark == ")",
           text.dropFirst(digits.count + 1).first == " " {
            return (text.dropFirst(digits.count + 2).trimmingBlanks(), 0)
        }
        return (text, 0)
    }

    /// `---`, `***`, `___`, `===` (three or more, spaces allowed).
    private static func isRule(_ line: Substring) -> Bool {
        guard let first = line.first, "-*_=".contains(first) else { return false }
        return line.filter { $0 != " " }.count >= 3 && line.allSatisfy { $0 == first || $0 == " " }
    }

    /// `[id]: https://…`
    private static func isReferenceDefinition(_ line: Substring) -> Bool {
        guard line.hasPrefix("["), let close = line.range(of: "]:") else { return false }
        return !line[close.upperBound...].trimmingBlanks().contains(" ")
    }
}
