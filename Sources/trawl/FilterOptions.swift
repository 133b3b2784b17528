import ArgumentParser
import TrawlProtocol

/// The filters of search that `search` and `histogram` share: sources and a date range.
struct FilterOptions: ParsableArguments {
    @Option(help: "Only these sources (comma-separated, or repeat the option).") var source: [String] = []
    // `.unconditional`: a relative day (`-3m`) is the value, not an option.
    @Option(
        parsing: .unconditional,
        help: "Only articles dated on or after this day: YYYY-MM-DD, YYYY-MM / YYYY (its first day), or relative: -7d, -2w, -3m, -1y, today, yesterday.")
    var since: String?
    @Option(
        parsing: .unconditional,
        help: "Only articles dated on or before this day: YYYY-MM-DD, YYYY-MM / YYYY (its last day), or relative as for --since.")
    var until: String?

    /// The query `q` with these filters.
    func filters(q: String) throws -> SearchFilters {
        let sources = source.flatMap(ListOption.split)
        if sources.contains(where: \.isEmpty) {
            throw ValidationError("--source has an empty name: write the sources separated by commas, e.g. --source AP,Reuters")
        }
        var filters = SearchFilters(q: q)
        filters.sources = sources
        filters.since = try since.map { try DateBound.widen($0, to: .since) }
        filters.until = try until.map { try DateBound.widen($0, to: .until) }
        return filters
    }
}
