import ArgumentParser
import TrawlProtocol

extension Trawl {
    /// `trawl histogram`: how many articles a query matches per day, week, month or year.
    struct Histogram: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "histogram", abstract: "Count a query's articles per day, week, month or year, as a bar chart.",
            usage: "trawl histogram [--interval day|week|month|year] [<options>] <query> ...",
            discussion: """
                Exact counts, in date order, empty intervals included; a week starts on Monday. \
                No query counts every article. Exit status: 0 matches, 1 none, 2 error.
                """)

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "day, week (from Monday), month or year.") var interval: Interval = .day
        @Flag(help: "Print the daemon's answer as one JSON object.") var json = false
        @OptionGroup var filtering: FilterOptions
        @Argument(
            parsing: .allUnrecognized,
            help: "The query, as for search (none: every article).")
        var query: [String] = []

        func validate() throws {
            try QueryArguments.refuseUnknownOptions(query)
            _ = try filtering.filters(q: "")
        }

        func run() throws {
            let request = HistogramRequest(
                filters: try filtering.filters(q: QueryArguments.words(query).joined(separator: " ")), interval: interval)
            let response = HistogramResponse(reading: try connection.call(.histogram(request)))
            if json {
                print(response.jsonValue.jsonText())
            } else {
                BarChart.lines(response, interval: interval).forEach { print($0) }
            }
            if response.total.estimate == 0 { throw ExitCode(1) }
        }
    }
}

extension Interval: ExpressibleByArgument {}
