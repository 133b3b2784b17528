import ArgumentParser
import TrawlProtocol

extension Trawl {
    /// `trawl story ID`: a story's articles in date order, with their sources.
    struct Story: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "story", abstract: "List the articles of one story, oldest first.",
            discussion: """
                A story is the articles about one event from several outlets within a few days \
                (the id is a hit's `story`, the id of its earliest article). One line per article: \
                day, source, title and id. Exit status: 0 articles, 1 none, 2 error.
                """)

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "One JSON object per article per line.") var json = false
        @Argument(help: "The story id, as in search hits (after -- when it starts with -).") var id: String

        func run() throws {
            var search = SearchRequest(filters: SearchFilters(q: Self.query(id)))
            search.limit = Limits.limit.upperBound
            search.sort = .oldest
            search.snippet = false
            search.correct = .off
            let hits = SearchResponse(reading: try connection.call(.search(search))).result.hits
            for hit in hits {
                if json {
                    print(hit.jsonValue.jsonText())
                } else {
                    let day = hit.day ?? hit.date.map { String($0.prefix(10)) } ?? "undated"
                    print([day, hit.source ?? "-", hit.title ?? hit.id, hit.id].joined(separator: "  "))
                }
            }
            if hits.isEmpty {
                Diagnostics.note(try whyNoStory())
                throw ExitCode(1)
            }
        }

        /// What an id without a story is: an article in no story (or not its story's first), or nothing.
        private func whyNoStory() throws -> String {
            do {
                _ = try connection.call(.get(GetRequest(article: id)))
            } catch let refusal as DaemonRefusal where refusal.code == ErrorCode.notFound.rawValue {
                return "no article has the id \(quoted(id)), so there is no such story"
            }
            return "\(quoted(id)) is an article, but no story has that id: a story's id is its earliest article's"
                + " (search hits give it as story; trawl --json QUERY shows it)"
        }

        /// `story:"ID"`, quoted so that any id is one value.
        static func query(_ id: String) -> String {
            "story:\"" + id.filter { $0 != "\"" } + "\""
        }
    }
}
