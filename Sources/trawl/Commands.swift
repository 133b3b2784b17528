import ArgumentParser
import TrawlClient
import TrawlWire

extension Trawl {
    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Print one article by its id.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print the JSON document.") var json = false
        @Argument(help: "The article id, as in search hits.") var id: String

        func run() throws {
            let response = try connection.call(["op": "get", "article": .string(id)])
            let doc = response["doc"] ?? [:]
            if json { return print(doc.jsonText()) }
            let style = TerminalStyle.current
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
        func run() throws {
            let fields = try connection.call(["op": "stats"]).members ?? [:]
            print(WireValue.object(fields.filter { $0.key != "ok" }).jsonText())
        }
    }

    struct Ping: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ping", abstract: "Check that the daemon answers.")
        @OptionGroup var connection: ConnectionOptions
        func run() throws {
            let started = ContinuousClock.now
            _ = try connection.call(["op": "ping"])
            let took = Decimals.milliseconds(ContinuousClock.now - started, places: 2)
            print("pong from \(DefaultSocket.path(flag: connection.socket)) in \(took) ms")
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
