import ArgumentParser
import TrawlProtocol

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Trawl {
    /// `trawl watch QUERY`: a subscription (README, "Alerts"): prints each new matching article as
    /// it becomes searchable, until interrupted.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch", abstract: "Print new articles that match a query as they arrive.",
            usage: "trawl watch [<options>] <query> ...",
            discussion: """
                Runs until interrupted (Ctrl-C, SIGTERM: exit status 0). Each hit is printed as a search \
                prints it; --json adds its change number ("seq"). When trawld goes away or ends the watch \
                (a restart, a reader too slow for its backlog), it says so on stderr, connects again \
                (waiting 0.2 s, doubling up to 5 s, until interrupted) and resumes after the last hit \
                printed, so none is missed or printed twice. A subscription trawld refuses (a bad query, \
                a forbidden peer) or a socket that cannot be reached at start ends it with status 2.
                """)

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "One JSON object per hit per line (a search hit's fields and \"seq\").") var json = false
        @Option(help: "First print every match changed after this change number (a \"seq\" printed before).")
        var sinceSeq: UInt64?
        @OptionGroup var filtering: FilterOptions
        @Flag(help: "Leave out snippets.") var noSnippet = false
        @Option(help: "auto, always or never (a non-empty NO_COLOR means never, unless --color always).")
        var color: Search.Color = .auto
        @Argument(parsing: .allUnrecognized, help: "The query, as for search.") var query: [String] = []

        func validate() throws {
            guard !QueryArguments.words(query).isEmpty else { throw ValidationError("give a query, e.g. trawl watch ferry") }
            try QueryArguments.refuseUnknownOptions(query)
            _ = try filtering.filters(q: "")
        }

        func run() throws {
            Self.endCleanlyOnInterrupt()
            let subscription = try ResumingSubscription(socketPath: try connection.socketPath(), request: try search(), sinceSeq: sinceSeq)
            Diagnostics.note("watching for new matches (after seq \(subscription.last)); Ctrl-C ends")
            let printer = HitPrinter(style: TerminalStyle.resolve(color.rawValue), collapse: nil)
            var shown = 0
            while true {
                let (seq, hit) = try subscription.next()
                shown += 1
                if json { print(Self.jsonLine(hit, seq: seq)) } else { printer.print(hit: hit, number: shown) }
                fflush(nil)  // each article as it arrives, also into a pipe
            }
        }

        /// The subscription's query, filters and presentation.
        private func search() throws -> SearchRequest {
            var search = SearchRequest(filters: try filtering.filters(q: QueryArguments.words(query).joined(separator: " ")))
            search.snippet = !noSnippet
            if !json { search.highlight = .init(pre: String(HitPrinter.markStart), post: String(HitPrinter.markEnd)) }
            return search
        }

        /// A search's `--json` hit line, with the article's change number.
        private static func jsonLine(_ hit: Hit, seq: UInt64) -> String {
            var written = hit
            written.extra[Keys.seq] = .number(WireNumber(Int(clamping: seq)))
            return written.jsonValue.jsonText()
        }

        /// Ctrl-C (and SIGTERM) end a watch with status 0: every hit is already printed and flushed.
        /// Unblocked too: a parent may have started this process with them blocked.
        private static func endCleanlyOnInterrupt() {
            signal(SIGINT) { _ in _exit(0) }
            signal(SIGTERM) { _ in _exit(0) }
            var interrupts = sigset_t()
            sigemptyset(&interrupts)
            sigaddset(&interrupts, SIGINT)
            sigaddset(&interrupts, SIGTERM)
            sigprocmask(SIG_UNBLOCK, &interrupts, nil)
        }
    }
}
