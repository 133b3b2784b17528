import ArgumentParser
import TrawlClient
import TrawlCommandLine
import TrawlProtocol

/// `trawl`: the client CLI. Exit status like grep: 0 hits, 1 no hits, 2 error.
struct Trawl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trawl",
        abstract: "Search news articles through trawld.",
        discussion: "Exit status: 0 found, 1 nothing found, 2 error. `trawl QUERY` is short for `trawl search QUERY`.",
        version: TrawlVersion.string,
        subcommands: [
            Search.self, Get.self, Stats.self, Ping.self, Reload.self, Histogram.self, Similar.self, Put.self, Delete.self, Watch.self,
            Story.self,
        ],
        defaultSubcommand: Search.self)
}

/// Options every subcommand has.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "trawld's socket (default: $TRAWL_SOCKET, else the config file's socket.path, else index/trawld.sock).")
    var socket: String?

    @Option(help: "Config file to take the socket from (default: $TRAWL_CONFIG, else ./config/trawl.yaml if present).")
    var config: String?

    /// The socket this run talks to (see `SocketPath` for the precedence).
    func socketPath() throws -> String {
        do { return try SocketPath.resolve(flag: socket, configFlag: config) } catch { throw CLIError(error.description) }
    }

    func connect() throws -> Connection {
        let path = try socketPath()
        do { return try Connection(socketPath: path) } catch { throw CLIError(error.description) }
    }

    /// One request on a connection of its own.
    func call(_ request: Request) throws -> WireValue { try connect().call(request) }
}

extension Connection {
    /// One request; an error answer becomes a DaemonRefusal with the daemon's code and message.
    func call(_ request: Request) throws -> WireValue {
        let response: WireValue
        do { response = try self.request(request) } catch { throw CLIError(error.description) }
        if let (code, message) = ResponseLine.error(in: response) { throw DaemonRefusal(code: code, message: message) }
        return response
    }
}

/// An error answer from trawld, reported as `code: message`, exit status 2.
struct DaemonRefusal: OneLineError {
    let code: String
    let message: String
    var description: String { "\(code): \(message)" }
}

/// A failure reported on one line, exit status 2.
struct CLIError: OneLineError {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `trawl --socket S stats` must mean `trawl stats --socket S`: only subcommands know `--socket`
/// (and `--config`), so ArgumentParser would otherwise hand `--socket S stats` to the default
/// Search, as a search for the word "stats".
enum SubcommandFirst {
    static let connectionOptions = ["--socket", "--config"]

    /// The arguments with a subcommand name that follows only connection options moved to the front.
    static func reorder(_ arguments: [String]) -> [String] {
        var index = 0
        while index < arguments.count {
            if connectionOptions.contains(arguments[index]) {
                index += 2
            } else if connectionOptions.contains(where: { arguments[index].hasPrefix($0 + "=") }) {
                index += 1
            } else {
                break
            }
        }
        // Every subcommand names itself in its configuration: deriving a name from the type
        // (reflection) cost a few milliseconds of every run of this static binary.
        let names = Set(Trawl.configuration.subcommands.compactMap { $0.configuration.commandName })
        guard index > 0, index < arguments.count, names.contains(arguments[index]) else { return arguments }
        return [arguments[index]] + arguments[..<index] + arguments[(index + 1)...]
    }
}

@main
enum TrawlMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if TopLevelHelp.isAsked(by: arguments) { TopLevelHelp.printAndExit() }
        CommandMain.mainSynchronously(Trawl.self, arguments: SubcommandFirst.reorder(ShortNullFlag.expand(CollapseArgument.expand(arguments))))
    }
}
