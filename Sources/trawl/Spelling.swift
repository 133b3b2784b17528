import TrawlProtocol

/// What a search answer says about spelling, read against the mode the client asked for.
struct Spelling {
    /// The daemon's correction of the query, if it has one.
    let corrected: String?
    /// The hits are for `corrected`, because the query as typed found nothing.
    let searchedCorrected: Bool
    /// False when the daemon answered for a correction although the client asked it not to
    /// (a daemon older than the `correct` field ignores it): those hits must not be shown as
    /// the query's. The query as typed then matched nothing.
    private let hitsAreForTheQueryAsked: Bool
    let query: String
    let mode: Correction
    let foundNothing: Bool

    init(_ response: SearchResponse, mode: Correction, query: String) {
        let searched = response.result.searchedCorrected
        corrected = mode == .off ? nil : response.result.corrected
        hitsAreForTheQueryAsked = !searched || mode == .auto
        searchedCorrected = searched && mode == .auto
        // A page can be empty while the query matches (`--limit 0`, an offset past the end).
        foundNothing = !hitsAreForTheQueryAsked || (response.result.hits.isEmpty && response.result.total.lower == 0)
        self.query = query
        self.mode = mode
    }

    /// The response as the answer to the query asked: without hits, facets and total when they
    /// are for a correction the client did not ask to search, without a correction under `off`.
    func answerForTheQueryAsked(_ response: SearchResponse) -> SearchResponse {
        var response = response
        if mode == .off { response.result.corrected = nil }
        if !hitsAreForTheQueryAsked {
            response.result.hits = []
            response.result.total = .none
            response.result.facets = [:]
            response.result.searchedCorrected = false
        }
        return response
    }

    /// For output read by scripts: on stderr, a notice when the hits are for the correction, and
    /// the correction when nothing matched.
    func report() {
        if searchedCorrected, let corrected {
            Diagnostics.note("no matches for \(quoted(query)); showing matches for \(quoted(corrected)) (--correct suggest shows only the query as typed)")
        } else if foundNothing {
            suggestWhenNothingMatched()
        }
    }

    func suggestWhenNothingMatched() {
        guard let corrected else { return }
        Diagnostics.note("no matches for \(quoted(query)); did you mean \(quoted(corrected))? (--correct auto searches it)")
    }
}
