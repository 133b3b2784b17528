import ArgumentParser
import TrawlProtocol

extension Trawl {
    /// `trawl similar ID`: the articles most like one article, ranked as search hits.
    struct Similar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "similar", abstract: "Find the articles most like one article.",
            discussion: """
                Ranked by the article's own most telling words (Xapian's relevance-set expansion); \
                the article itself is left out and near-identical copies are folded into one hit. \
                Exit status: 0 hits, 1 none, 2 error (an unknown id is not_found).
                """)

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "One JSON object per hit per line.") var json = false
        @Flag(help: "Article ids only, one per line.") var ids = false
        @Option(help: "Hits to show (\(Limits.limit.lowerBound)-\(Limits.limit.upperBound)).") var limit = Limits.defaultLimit
        @OptionGroup var filtering: FilterOptions
        @Flag(help: "Leave out snippets.") var noSnippet = false
        @Option(help: "auto, always or never (a non-empty NO_COLOR means never, unless --color always).")
        var color: Search.Color = .auto
        @Argument(help: "The article id, as in search hits (after -- when it starts with -).") var id: String

        func validate() throws {
            guard Limits.limit.contains(limit) else {
                throw ValidationError("--limit must be from \(Limits.limit.lowerBound) to \(Limits.limit.upperBound)")
            }
            guard !(json && ids) else { throw ValidationError("choose one of --json, --ids") }
            _ = try filtering.filters(q: "")
        }

        func run() throws {
            let started = ContinuousClock.now
            var search = SearchRequest(filters: try filtering.filters(q: ""))
            search.limit = limit
            search.snippet = !(noSnippet || ids)
            if !json && !ids {
                search.highlight = .init(pre: String(HitPrinter.markStart), post: String(HitPrinter.markEnd))
            }
            let response = SearchResponse(reading: try connection.call(.similar(SimilarRequest(article: id, search: search))))
            let hits = response.result.hits
            if json {
                hits.forEach { print($0.jsonValue.jsonText()) }
            } else if ids {
                hits.forEach { print($0.id) }
            } else {
                HitPrinter(style: TerminalStyle.resolve(color.rawValue), collapse: .copies).print(
                    response: response, offset: 0, elapsed: ContinuousClock.now - started)
            }
            // With --limit 0 (only the total asked for), whether anything is alike, as search's.
            let matched = limit == 0 ? response.result.total.lower > 0 : !hits.isEmpty
            if !matched { throw ExitCode(1) }
        }
    }
}
