import TrawlProtocol

/// `--ids`: the ids of every match, asked of the daemon a page at a time (a request's `limit`
/// is at most 1000). The pages must come from one index generation, or an id could be listed
/// twice or missed: when the index changes midway, the listing starts again.
struct IdListing {
    let run: SearchRun
    static let attempts = 3
    /// The protocol's largest `limit` first; a daemon's `limits.max_limit` may be set lower, and
    /// the protocol has no way to ask it, so a refused first page is asked again smaller.
    static let pageSizes = [Limits.limit.upperBound, 100, 10, 1]

    /// With `limit`, one request for that many; without, every match from `offset` on.
    func ids(offset: Int, limit: Int?) throws -> [String] {
        if let limit { return try page(offset: offset, limit: limit, query: nil).ids }
        for _ in 0..<Self.attempts {
            if let ids = try allFromOneGeneration(offset: offset) { return ids }
        }
        throw CLIError("the index changed \(Self.attempts) times while the ids were listed; run the command again")
    }

    /// nil when the generation changed between pages.
    private func allFromOneGeneration(offset: Int) throws -> [String]? {
        let (first, pageSize) = try firstPage(offset: offset)
        var ids = first.ids
        var consumed = first.length
        var pageLength = first.length
        // The later pages ask for what the first one answered (a correction, under --correct
        // auto) without spelling, so that every page is for the same query.
        while pageLength == pageSize {
            let next = try page(offset: offset + consumed, limit: pageSize, query: first.query, mode: .off)
            guard next.generation == first.generation else { return nil }
            ids += next.ids
            consumed += next.length
            pageLength = next.length
        }
        return ids
    }

    /// The first page, in the largest size the daemon accepts.
    private func firstPage(offset: Int) throws -> (Page, Int) {
        for size in Self.pageSizes.dropLast() {
            do {
                return (try page(offset: offset, limit: size, query: nil), size)
            } catch let refusal as DaemonRefusal where refusal.refusesTheLimit {
                continue
            }
        }
        let size = Self.pageSizes[Self.pageSizes.count - 1]
        return (try page(offset: offset, limit: size, query: nil), size)
    }

    private struct Page {
        var ids: [String]
        var length: Int
        var generation: Int
        var query: String
    }

    private func page(offset: Int, limit: Int, query: String?, mode: Correction? = nil) throws -> Page {
        let response = try run.search(offset: offset, limit: limit, snippet: false, query: query, mode: mode)
        let spelling = Spelling(response, mode: mode ?? run.mode, query: query ?? run.filters.q)
        if query == nil { spelling.report() }
        let hits = spelling.answerForTheQueryAsked(response).result.hits
        let answered = spelling.searchedCorrected ? spelling.corrected ?? run.filters.q : run.filters.q
        return Page(ids: hits.map(\.id), length: hits.count, generation: response.generation, query: query ?? answered)
    }
}

extension DaemonRefusal {
    /// A `bad_request` about `limit` (its message names the field first): the page was larger than
    /// this daemon's `limits.max_limit`. Any other refusal (a bad date, a long query) is final.
    var refusesTheLimit: Bool { code == ErrorCode.badRequest.rawValue && message.hasPrefix(Keys.limit + " ") }
}
