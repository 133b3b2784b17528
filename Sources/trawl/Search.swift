import ArgumentParser
import TrawlWire

extension Trawl {
    /// Searches and prints ranked hits.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", abstract: "Search articles (the default command).")

        enum Sort: String, ExpressibleByArgument, CaseIterable { case relevance, newest, oldest }
        enum Color: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "One JSON object per hit per line, nothing else.") var json = false
        @Flag(help: "Article ids only, one per line.") var ids = false
        @Flag(help: "Print only the number of matches.") var count = false
        @Option(help: "Hits to show (0-1000).") var limit = 10
        @Option(help: "Hits to skip.") var offset = 0
        @Option(help: "relevance, newest or oldest.") var sort: Sort = .relevance
        @Option(help: "Only this source (repeatable).") var source: [String] = []
        @Option(help: "Only articles dated on or after YYYY-MM-DD.") var since: String?
        @Option(help: "Only articles dated on or before YYYY-MM-DD.") var until: String?
        @Option(help: "Facets to count: source, year, month (comma-separated).") var facets: String?
        @Flag(help: "Show one hit per group of duplicate articles.") var collapse = false
        @Flag(help: "Leave out snippets.") var noSnippet = false
        @Option(help: "auto, always or never (NO_COLOR is honoured).") var color: Color = .auto
        @Argument(help: "The query: words, \"phrases\", title:, source:, by:, site:, date:A..B, OR, NOT, prefix*.")
        var query: [String] = []

        func validate() throws {
            guard !query.isEmpty else { throw ValidationError("give a query, e.g. trawl '\"return hubs\" Albania'") }
            guard (0...1000).contains(limit) else { throw ValidationError("--limit must be from 0 to 1000") }
            guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
            guard [json, ids, count].filter({ $0 }).count <= 1 else { throw ValidationError("choose one of --json, --ids, --count") }
        }

        func run() throws {
            let started = ContinuousClock.now
            let response = try connection.call(request())
            let total = response["total"]?["estimate"]?.int ?? 0
            let hits = response["hits"]?.elements ?? []
            if count {
                print(total)
            } else if json {
                hits.forEach { print($0.jsonText()) }
            } else if ids {
                hits.forEach { print($0["id"]?.text ?? "") }
            } else {
                let style = TerminalStyle.resolve(color.rawValue)
                HitPrinter(style: style).print(response: response, elapsed: ContinuousClock.now - started)
            }
            if (count ? total : hits.count) == 0 { throw ExitCode(1) }
        }

        private func request() -> WireValue {
            var request: [String: WireValue] = [
                "op": .string(count ? "count" : "search"), "q": .string(query.joined(separator: " ")),
                "limit": .number(WireNumber(limit)), "offset": .number(WireNumber(offset)), "sort": .string(sort.rawValue),
                "collapse": .bool(collapse), "snippet": .bool(!(noSnippet || ids || count)),
            ]
            // People get the terminal's highlight (from private-use markers); scripts get the
            // protocol's default markers, <b> and </b>.
            if !json { request["highlight"] = ["pre": .string(String(HitPrinter.markStart)), "post": .string(String(HitPrinter.markEnd))] }
            if !source.isEmpty { request["source"] = .array(source.map(WireValue.string)) }
            if let since { request["since"] = .string(since) }
            if let until { request["until"] = .string(until) }
            if let facets { request["facets"] = .array(facets.split(separator: ",").map { .string(Self.trimmed($0)) }) }
            return .object(request)
        }

        private static func trimmed(_ text: Substring) -> String {
            String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        }
    }
}
