import ArgumentParser
import TrawlClient
import TrawlProtocol

extension Trawl {
    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Print one article by its id.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print the JSON document.") var json = false
        @Option(help: "auto, always or never (a non-empty NO_COLOR means never, unless --color always).")
        var color: Search.Color = .auto
        @Argument(help: "The article id, as in search hits (after -- when it starts with -).") var id: String

        func run() throws {
            let doc = GetResponse(reading: try connection.call(.get(GetRequest(article: id)))).doc
            if json { return print(doc.jsonValue.jsonText()) }
            let style = TerminalStyle.resolve(color.rawValue)
            print(style.bold(doc.title ?? id))
            print(style.dim(HitPrinter.metaLine(source: doc.source, day: doc.day, date: doc.date, id: doc.id)))
            if let byline = doc.byline { print("By \(byline)") }
            if let url = doc.url { print(url) }
            print()
            print(doc.body)
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats", abstract: "Show the daemon's statistics.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print the daemon's stats object as JSON.") var json = false
        func run() throws {
            let fields = (try connection.call(.stats).members ?? [:]).filter { $0.key != Keys.ok && $0.key != Keys.id }
            if json { return print(WireValue.object(fields).jsonText()) }
            StatsPrinter.lines(fields).forEach { print($0) }
        }
    }

    struct Ping: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ping", abstract: "Check that the daemon answers.")
        @OptionGroup var connection: ConnectionOptions
        func run() throws {
            let started = ContinuousClock.now
            let daemon = try connection.connect()
            _ = try daemon.call(.ping)
            let took = Decimals.milliseconds(ContinuousClock.now - started, places: 2)
            print("pong from \(daemon.socketPath) in \(took) ms")
        }
    }

    struct Reload: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reload", abstract: "Make the daemon reopen the index now.")
        @OptionGroup var connection: ConnectionOptions
        func run() throws {
            let response = ReloadResponse(reading: try connection.call(.reload))
            print("generation \(response.generation), \(response.documents) articles")
        }
    }
}
