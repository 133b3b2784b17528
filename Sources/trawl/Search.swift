import ArgumentParser
import Foundation

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
            let started = Date()
            let response = try connection.call(request())
            let total = (response["total"] as? [String: Any])?["estimate"] as? Int ?? 0
            let hits = response["hits"] as? [[String: Any]] ?? []
            if count {
                print(total)
            } else if json {
                hits.forEach(JSONLines.print)
            } else if ids {
                hits.forEach { print($0["id"] as? String ?? "") }
            } else {
                let style = TerminalStyle.resolve(color.rawValue)
                HitPrinter(style: style).print(response: response, elapsed: Date().timeIntervalSince(started))
            }
            if (count ? total : hits.count) == 0 { throw ExitCode(1) }
        }

        private func request() -> [String: Any] {
            var request: [String: Any] = [
                "op": count ? "count" : "search", "q": query.joined(separator: " "), "limit": limit, "offset": offset,
                "sort": sort.rawValue, "collapse": collapse, "snippet": !(noSnippet || ids || count),
                "highlight": ["pre": HitPrinter.markStart, "post": HitPrinter.markEnd],
            ]
            if !source.isEmpty { request["source"] = source }
            if let since { request["since"] = since }
            if let until { request["until"] = until }
            if let facets { request["facets"] = facets.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            return request
        }
    }
}
