import TrawlProtocol

/// Human output: rank, bold title, "source · date · id", highlighted snippet, and a footer.
struct HitPrinter {
    /// Private-use markers asked of the daemon, replaced here by the terminal's highlight.
    static let markStart: Unicode.Scalar = "\u{E000}"
    static let markEnd: Unicode.Scalar = "\u{E001}"

    let style: TerminalStyle
    /// The groups the daemon folded into each hit: says what a hit's folded count is.
    let collapse: Grouping?

    func print(response: SearchResponse, offset: Int, elapsed: Duration) {
        let result = response.result
        if let corrected = result.corrected {
            Swift.print(style.dim(result.searchedCorrected ? "Showing results for: " : "Did you mean: ") + style.bold(corrected))
        }
        for hit in result.hits { print(hit: hit, number: hit.rank) }
        printFacets(result.facets)
        let took = response.tookMs > 0 ? Decimals.fixed(response.tookMs, places: 1) : Decimals.milliseconds(elapsed, places: 1)
        Swift.print(style.dim(Self.footer(shown: result.hits.count, offset: offset, total: result.total, collapse: collapse) + " · \(took) ms"))
    }

    /// One hit: its number, title, "source · day · id" and snippet.
    func print(hit: Hit, number: Int) {
        Swift.print("\(number). " + title(of: hit))
        Swift.print("   " + style.dim(Self.metaLine(source: hit.source, day: hit.day, date: hit.date, id: hit.id)))
        if let snippet = hit.snippet { Swift.print("   " + render(snippet)) }
        if let folded = Self.foldedLine(hit.duplicates, collapse) { Swift.print("   " + style.dim(folded)) }
        Swift.print()
    }

    /// "4–6 of 16 articles": the hits shown and the total, "about" only when the daemon's total
    /// is an estimate (its bounds differ). With `--collapse` the total counts groups, and says so:
    /// "of 16 stories", "of 16 articles (copies folded)".
    static func footer(shown: Int, offset: Int, total: SearchResult.Totals, collapse: Grouping? = nil) -> String {
        let range = shown == 0 ? "0" : shown == 1 ? "\(offset + 1)" : "\(offset + 1)–\(offset + shown)"
        let estimate = total.estimate
        let counted: String
        switch collapse {
        case nil: counted = estimate == 1 ? "article" : "articles"
        case .copies?: counted = (estimate == 1 ? "article" : "articles") + " (copies folded)"
        case .story?: counted = estimate == 1 ? "story" : "stories"
        }
        return "\(range) of \(total.isExact ? "" : "about ")\(estimate) \(counted)"
    }

    /// The title in bold, with the words the query matched highlighted when the daemon marked
    /// them (`title_highlighted`, HTML-escaped like a snippet).
    private func title(of hit: Hit) -> String {
        if let marked = hit.titleHighlighted { return style.bold(render(marked, resuming: style.boldOn)) }
        return style.bold(hit.title ?? hit.id)
    }

    /// "+4 copies" or "+4 more in this story" under a hit that `--collapse` folded articles into.
    static func foldedLine(_ folded: Int, _ collapse: Grouping?) -> String? {
        guard folded > 0, let collapse else { return nil }
        switch collapse {
        case .copies: return "+\(folded) \(folded == 1 ? "copy" : "copies")"
        case .story: return "+\(folded) more in this story"
        }
    }

    /// `source · day · id`, leaving out what the article does not have. The day is the one the
    /// article was published on in its own zone (what `date:` matched); a daemon without `day`
    /// gets the UTC date's day.
    static func metaLine(source: String?, day: String?, date: String?, id: String) -> String {
        let shownDay = day ?? date.map { String($0.prefix(10)) }
        return [source, shownDay, id].compactMap { $0 }.joined(separator: " · ")
    }

    /// Dates in date order (YYYY and YYYY-MM sort as text), other facets most frequent first;
    /// the values as the daemon wrote them.
    private func printFacets(_ facets: [String: [String: Int]]) {
        for (name, counts) in facets.sorted(by: { $0.key < $1.key }) {
            let items = counts.map { ($0.key, $0.value) }
                .sorted { Self.dateFacets.contains(name) || $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 > $1.1 }
            Swift.print(style.dim("\(name): ") + items.map { "\($0.0) (\($0.1))" }.joined(separator: ", "))
        }
    }

    private static let dateFacets: Set<String> = [Facet.year.rawValue, Facet.month.rawValue]

    /// Xapian escapes snippets for HTML; a terminal wants the text back, on one line, with the
    /// markers turned into the terminal's highlight, after which `resuming` restores the style
    /// around the text. One pass over the text.
    private func render(_ snippet: String, resuming: String = "") -> String {
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
            case Self.markEnd: out.append(contentsOf: (style.highlightOff + resuming).unicodeScalars)
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
