import TrawlClient
import TrawlWire

/// One `trawl` search, printed in the form asked for. Each printer returns whether anything
/// matched (exit status 0) or not (1).
struct SearchRun {
    let connection: Connection
    let filters: SearchFilters
    let mode: SpellingMode

    /// `--count`: the exact count of the query as typed; with `--correct auto`, of its
    /// correction when the query finds nothing, as a search would show.
    func printCount() throws -> Bool {
        var total = try count(filters.query)
        if total == 0, mode != .off {
            // `count` does no spelling; a search without hits asks for the correction.
            let probe = try connection.call(.object(searchRequest(offset: 0, limit: 0, snippet: false)))
            let spelling = Spelling(probe, mode: mode, query: filters.query)
            if mode == .auto, let corrected = spelling.corrected {
                total = try count(corrected)
                if total > 0 { Diagnostics.note("no matches for \(quoted(filters.query)); counted \(quoted(corrected)) instead (--correct suggest counts only the query as typed)") }
            } else {
                spelling.suggestWhenNothingMatched()
            }
        }
        print(total)
        return total > 0
    }

    /// `--ids`: every match (paged through the daemon), or `limit` of them.
    func printIds(offset: Int, limit: Int?, separator: String) throws -> Bool {
        let listing = try IdListing(run: self).ids(offset: offset, limit: limit)
        for id in listing { print(id, terminator: separator) }
        return !listing.isEmpty
    }

    /// `--json`: one object per hit, then a summary object when there are facets or a correction.
    func printJSON(offset: Int, limit: Int, snippet: Bool, facets: [String]?) throws -> Bool {
        let answer = try search(offset: offset, limit: limit, snippet: snippet, facets: facets)
        let spelling = Spelling(answer, mode: mode, query: filters.query)
        let response = spelling.answerForTheQueryAsked(answer)
        let hits = response["hits"]?.elements ?? []
        hits.forEach { print($0.jsonText()) }
        if facets != nil || spelling.corrected != nil {
            var summary: [String: WireValue] = ["total": response["total"] ?? .null]
            if facets != nil { summary["facets"] = response["facets"] ?? [:] }
            if let corrected = spelling.corrected { summary["corrected"] = .string(corrected) }
            if spelling.searchedCorrected { summary["searched_corrected"] = true }
            print(WireValue.object(["summary": .object(summary)]).jsonText())
        }
        spelling.report()
        return !hits.isEmpty
    }

    /// Hits for people: titles, snippets, facets and a footer.
    func printForPeople(offset: Int, limit: Int, snippet: Bool, facets: [String]?, style: TerminalStyle, started: ContinuousClock.Instant) throws -> Bool {
        let answer = try search(offset: offset, limit: limit, snippet: snippet, facets: facets, forPeople: true)
        let response = Spelling(answer, mode: mode, query: filters.query).answerForTheQueryAsked(answer)
        HitPrinter(style: style).print(response: response, offset: offset, elapsed: ContinuousClock.now - started)
        return !(response["hits"]?.elements ?? []).isEmpty
    }

    func search(offset: Int, limit: Int, snippet: Bool, facets: [String]? = nil, forPeople: Bool = false, query: String? = nil, mode: SpellingMode? = nil) throws -> WireValue {
        var request = searchRequest(offset: offset, limit: limit, snippet: snippet, query: query, mode: mode)
        // People get the terminal's highlight (from private-use markers); scripts get the
        // protocol's default markers, <b> and </b>.
        if forPeople { request["highlight"] = ["pre": .string(String(HitPrinter.markStart)), "post": .string(String(HitPrinter.markEnd))] }
        if let facets { request["facets"] = .array(facets.map(WireValue.string)) }
        return try connection.call(.object(request))
    }

    private func searchRequest(offset: Int, limit: Int, snippet: Bool, query: String? = nil, mode: SpellingMode? = nil) -> [String: WireValue] {
        var request = filters.request(op: "search", query: query)
        request["limit"] = .number(WireNumber(limit))
        request["offset"] = .number(WireNumber(offset))
        request["snippet"] = .bool(snippet)
        request["correct"] = .string((mode ?? self.mode).rawValue)
        return request
    }

    private func count(_ query: String) throws -> Int {
        try connection.call(.object(filters.request(op: "count", query: query)))["total"]?["estimate"]?.int ?? 0
    }

    static let noMatches: WireValue = ["estimate": 0, "lower": 0, "upper": 0]
}

func quoted(_ text: String) -> String { "'\(text)'" }
