import ArgumentParser
import Foundation
import TrawlClient

extension Trawl {
    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Print one article by its id.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print the JSON document.") var json = false
        @Argument(help: "The article id, as in search hits.") var id: String

        func run() throws {
            let response = try connection.call(["op": "get", "article": id])
            let doc = response["doc"] as? [String: Any] ?? [:]
            if json { return JSONLines.print(doc) }
            let style = TerminalStyle.current
            print(style.bold(doc["title"] as? String ?? id))
            print(style.dim(HitPrinter.metaLine(doc)))
            if let byline = doc["byline"] as? String { print("By \(byline)") }
            if let url = doc["url"] as? String { print(url) }
            print()
            print(doc["body"] as? String ?? "")
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats", abstract: "Show the daemon's statistics.")
        @OptionGroup var connection: ConnectionOptions
        func run() throws { JSONLines.print(try connection.call(["op": "stats"]).filter { $0.key != "ok" }) }
    }

    struct Ping: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ping", abstract: "Check that the daemon answers.")
        @OptionGroup var connection: ConnectionOptions
        func run() throws {
            let started = Date()
            _ = try connection.call(["op": "ping"])
            print(String(format: "pong from %@ in %.2f ms", DefaultSocket.path(flag: connection.socket), Date().timeIntervalSince(started) * 1000))
        }
    }

    struct Reload: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reload", abstract: "Make the daemon reopen the index now.")
        @OptionGroup var connection: ConnectionOptions
        func run() throws {
            let response = try connection.call(["op": "reload"])
            print("generation \(response["generation"] ?? "?"), \(response["documents"] ?? "?") articles")
        }
    }
}

/// Machine-readable output: one compact JSON object per line, keys sorted.
enum JSONLines {
    static func print(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}
