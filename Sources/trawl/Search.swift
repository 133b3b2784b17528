import ArgumentParser
import TrawlClient
import TrawlProtocol

extension Trawl {
    /// Searches and prints ranked hits, ids, a count or JSON.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", abstract: "Search articles (the default command).",
            usage: "trawl [search] [<options>] <query> ...",
            discussion: """
                Spelling: people get the hits for a correction when the query as typed finds nothing, \
                with a notice; --json, --ids and --count never answer for a query other than the one \
                typed unless --correct auto is given: they exit 1 and suggest the correction on stderr.
                Exit status: 0 hits, 1 no hits, 2 error (daemon unreachable, bad query, bad flags).
                """)

        enum Color: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "One JSON object per hit per line; a final {\"summary\": ...} line with --facets or a spelling correction.")
        var json = false
        @Flag(help: "Article ids only, one per line: every match, unless --limit is given.") var ids = false
        @Flag(help: "Print only the number of matches (exact).") var count = false
        // `-0` too, turned into `--null` before parsing (ShortNullFlag).
        @Flag(name: .customLong("null"), help: "(-0) With --ids: end each id with a NUL byte (for xargs -0).")
        var null = false
        @Option(help: "Hits to show (\(Limits.limit.lowerBound)-\(Limits.limit.upperBound); default \(Limits.defaultLimit), with --ids every match).") var limit: Int?
        @Option(help: "Hits to skip.") var offset = 0
        @Option(help: "relevance, newest or oldest.") var sort: Sort = .relevance
        @OptionGroup var filtering: FilterOptions
        @Option(help: "Facets to count: source, year, month (comma-separated).") var facets: String?
        @Option(help: "Spelling correction: auto, suggest or off (default: auto for people, suggest for --json, --ids, --count).")
        var correct: Correction?
        @Option(help: "One hit per group: copies (near-identical articles; a bare --collapse means copies) or story (one event, several outlets).")
        var collapse: Grouping?
        @Flag(help: "Leave out snippets.") var noSnippet = false
        @Option(help: "auto, always or never (a non-empty NO_COLOR means never, unless --color always).")
        var color: Color = .auto
        // `.allUnrecognized`: a negation such as `-albania` or `-source:ap` is a query word, not an
        // unknown option (which left the query empty: "give a query").
        @Argument(
            parsing: .allUnrecognized,
            help: "The query: words, \"phrases\", title:, source:, by:, site:, date:A..B, OR, NOT, -word, prefix*.")
        var query: [String] = []

        func validate() throws {
            guard !queryWords.isEmpty else { throw ValidationError("give a query, e.g. trawl '\"return hubs\" Albania'") }
            try QueryArguments.refuseUnknownOptions(query)
            if let limit, !Limits.limit.contains(limit) { throw ValidationError("--limit must be from \(Limits.limit.lowerBound) to \(Limits.limit.upperBound)") }
            guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
            guard [json, ids, count].filter({ $0 }).count <= 1 else { throw ValidationError("choose one of --json, --ids, --count") }
            if null, !ids { throw ValidationError("-0/--null separates ids: use it with --ids") }
            if facets != nil, ids || count {
                throw ValidationError(
                    "--facets cannot be combined with --\(ids ? "ids" : "count"): use --json --facets (its last line is a summary with the facets and the total)")
            }
            _ = try filters()
            _ = try facetNames
        }

        func run() throws {
            let started = ContinuousClock.now
            let connection = try self.connection.connect()
            let search = SearchRun(
                connection: connection, filters: try filters(), sort: sort, mode: correct ?? (json || ids || count ? .suggest : .auto))
            let pageLimit = limit ?? Limits.defaultLimit
            let found: Bool
            if count {
                found = try search.printCount()
            } else if ids {
                found = try search.printIds(offset: offset, limit: limit, separator: null ? "\0" : "\n")
            } else if json {
                found = try search.printJSON(offset: offset, limit: pageLimit, snippet: !noSnippet, facets: try facetNames)
            } else {
                found = try search.printForPeople(
                    offset: offset, limit: pageLimit, snippet: !noSnippet, facets: try facetNames,
                    style: TerminalStyle.resolve(color.rawValue), started: started)
            }
            if !found { throw ExitCode(1) }
        }

        private var queryWords: [String] { QueryArguments.words(query) }

        /// `--facets`, checked against the protocol's names before connecting.
        private var facetNames: [Facet]? {
            get throws {
                try facets.map { text in
                    try ListOption.split(text).map { name in
                        guard let facet = Facet(rawValue: name) else {
                            throw ValidationError("--facets \(name): choose from \(Facet.allCases.map(\.rawValue).joined(separator: ", "))")
                        }
                        return facet
                    }
                }
            }
        }

        /// What every request of this search has in common.
        private func filters() throws -> SearchFilters {
            var filters = try filtering.filters(q: queryWords.joined(separator: " "))
            filters.collapse = collapse
            return filters
        }
    }
}

/// Comma-separated option values: `--source AP, Reuters` is ["AP", "Reuters"].
enum ListOption {
    static func split(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            String(part.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        }
    }
}

extension Correction: ExpressibleByArgument {}
extension Sort: ExpressibleByArgument {}
