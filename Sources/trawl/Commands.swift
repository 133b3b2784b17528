import ArgumentParser
import TrawlClient
import TrawlWire

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
            let response = try connection.call(["op": "get", "article": .string(id)])
            let doc = response["doc"] ?? [:]
            if json { return print(doc.jsonText()) }
            let style = TerminalStyle.resolve(color.rawValue)
            print(style.bold(doc["title"]?.text ?? id))
            print(style.dim(HitPrinter.metaLine(doc)))
            if let byline = doc["byline"]?.text { print("By \(byline)") }
            if let url = doc["url"]?.text { print(url) }
            print()
            print(doc["body"]?.text ?? "")
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats", abstract: "Show the daemon's statistics.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print the daemon's stats object as JSON.") var json = false
        func run() throws {
            let fields = (try connection.call(["op": "stats"]).members ?? [:]).filter { $0.key != "ok" && $0.key != "id" }
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
            _ = try daemon.call(["op": "ping"])
            let took = Decimals.milliseconds(ContinuousClock.now - started, places: 2)
            print("pong from \(daemon.socketPath) in \(took) ms")
        }
    }

    struct Reload: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reload", abstract: "Make the daemon reopen the index now.")
        @OptionGroup var connection: ConnectionOptions
        func run() throws {
            let response = try connection.call(["op": "reload"])
            let generation = response["generation"]?.int.map(String.init) ?? "?"
            let documents = response["documents"]?.int.map(String.init) ?? "?"
            print("generation \(generation), \(documents) articles")
        }
    }
}
