import TrawlClient
import TrawlProtocol

/// One `trawl` search, printed in the form asked for. Each printer returns whether anything
/// matched (exit status 0) or not (1): hits on the page, or with `--limit 0` (no page asked
/// for), matches counted.
struct SearchRun {
    let connection: Connection
    let filters: SearchFilters
    let sort: Sort
    let mode: Correction

    /// `--count`: the exact count of the query as typed; with `--correct auto`, of its
    /// correction when the query finds nothing, as a search would show.
    func printCount() throws -> Bool {
        var total = try count(filters.q)
        if total == 0, mode != .off {
            // `count` does no spelling; a search without hits asks for the correction.
            let probe = try search(offset: 0, limit: 0, snippet: false)
            let spelling = Spelling(probe, mode: mode, query: filters.q)
            if mode == .auto, let corrected = spelling.corrected {
                total = try count(corrected)
                if total > 0 { Diagnostics.note("no matches for \(quoted(filters.q)); counted \(quoted(corrected)) instead (--correct suggest counts only the query as typed)") }
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
    func printJSON(offset: Int, limit: Int, snippet: Bool, facets: [Facet]?) throws -> Bool {
        let answer = try search(offset: offset, limit: limit, snippet: snippet, facets: facets)
        let spelling = Spelling(answer, mode: mode, query: filters.q)
        let response = spelling.answerForTheQueryAsked(answer)
        response.result.hits.forEach { print($0.jsonValue.jsonText()) }
        if facets != nil || spelling.corrected != nil {
            let written = response.jsonValue
            var summary: [String: WireValue] = [Keys.total: written[Keys.total] ?? .null]
            if facets != nil { summary[Keys.facets] = written[Keys.facets] ?? [:] }
            if let corrected = spelling.corrected { summary[Keys.corrected] = .string(corrected) }
            if spelling.searchedCorrected { summary[Keys.searchedCorrected] = true }
            print(WireValue.object(["summary": .object(summary)]).jsonText())
        }
        spelling.report()
        return Self.found(response, limit: limit)
    }

    /// Hits for people: titles, snippets, facets and a footer.
    func printForPeople(offset: Int, limit: Int, snippet: Bool, facets: [Facet]?, style: TerminalStyle, started: ContinuousClock.Instant) throws -> Bool {
        let answer = try search(offset: offset, limit: limit, snippet: snippet, facets: facets, forPeople: true)
        let response = Spelling(answer, mode: mode, query: filters.q).answerForTheQueryAsked(answer)
        HitPrinter(style: style, collapse: filters.collapse).print(response: response, offset: offset, elapsed: ContinuousClock.now - started)
        return Self.found(response, limit: limit)
    }

    private static func found(_ response: SearchResponse, limit: Int) -> Bool {
        limit == 0 ? response.result.total.lower > 0 : !response.result.hits.isEmpty
    }

    func search(
        offset: Int, limit: Int, snippet: Bool, facets: [Facet]? = nil, forPeople: Bool = false, query: String? = nil,
        mode: Correction? = nil
    ) throws -> SearchResponse {
        var filters = self.filters
        if let query { filters.q = query }
        var request = SearchRequest(filters: filters)
        request.offset = offset
        request.limit = limit
        request.sort = sort
        request.snippet = snippet
        request.correct = mode ?? self.mode
        request.facets = facets ?? []
        // People get the terminal's highlight (from private-use markers); scripts get the
        // protocol's default markers, <b> and </b>.
        if forPeople { request.highlight = .init(pre: String(HitPrinter.markStart), post: String(HitPrinter.markEnd)) }
        return SearchResponse(reading: try connection.call(.search(request)))
    }

    private func count(_ query: String) throws -> Int {
        var filters = self.filters
        filters.q = query
        return CountResponse(reading: try connection.call(.count(CountRequest(filters: filters)))).total.estimate
    }
}

func quoted(_ text: String) -> String { "'\(text)'" }
