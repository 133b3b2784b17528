import Foundation

/// Where one shard of a generation is served from.
public enum ShardEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// A database on this machine (absolute path).
    case local(path: String)
    /// A database served by `xapian-tcpsrv`.
    case remote(host: String, port: Int)
    /// A database served by a program over a pipe (`remote :ssh HOST xapian-progsrv DB`).
    case program(String, arguments: String)

    public var isRemote: Bool { if case .local = self { false } else { true } }

    /// As `hello`/`stats` show it: the path, or `host:port` (`[v6]:port`).
    public var description: String {
        switch self {
        case .local(let path): path
        case .remote(let host, let port): (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        case .program(let program, let arguments): ":\(program) \(arguments)"
        }
    }
}

/// A `current` stub as trawld reads it itself (Xapian's stub syntax: one database per line,
/// `auto|glass PATH` relative to the stub's folder, `remote HOST:PORT`, `remote :PROG ARGS`, `#` comments), so that it
/// can open each shard with its own timeouts (Xapian's opener waits 10 s for remote lines).
/// Shard names on the wire are `shard-i`, by line position.
public struct ShardStub: Sendable, Equatable {
    public let endpoints: [ShardEndpoint]

    public init(endpoints: [ShardEndpoint]) { self.endpoints = endpoints }

    /// The stub's shards; throws `ShardStubError` naming the line it cannot serve.
    public init(text: String, folder: String) throws(ShardStubError) {
        var endpoints: [ShardEndpoint] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else { throw ShardStubError(line: number + 1, text: line) }
            switch parts[0] {
            case "auto", "glass":
                endpoints.append(.local(path: parts[1].hasPrefix("/") ? parts[1] : folder + "/" + parts[1]))
            case "remote":
                guard let endpoint = Self.remote(parts[1]) else { throw ShardStubError(line: number + 1, text: line) }
                endpoints.append(endpoint)
            default:
                throw ShardStubError(line: number + 1, text: line)
            }
        }
        guard !endpoints.isEmpty else { throw ShardStubError(line: 0, text: "") }
        self.endpoints = endpoints
    }

    /// The stub at `path` (its folder resolves relative lines); nil when it cannot be read.
    public static func read(_ path: String) throws(ShardStubError) -> ShardStub? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return try ShardStub(text: text, folder: (path as NSString).deletingLastPathComponent)
    }

    /// Whether trawld opens the shards itself (several lines, or a remote one); a stub of one
    /// local line is opened by Xapian as before.
    public var needsOwnOpening: Bool { endpoints.count > 1 || endpoints.contains(where: \.isRemote) }

    /// The generation's lexicon (spelling and synonyms for the query parser, since remote shards
    /// give neither): `gen-N/lexicon` beside the stub's first local `gen-N/shard-i`, when it exists.
    public var lexicon: String? {
        for case .local(let path) in endpoints {
            let folder = (path as NSString).deletingLastPathComponent
            guard (path as NSString).lastPathComponent.hasPrefix("shard-") else { continue }
            return IndexLayout.existingLexicon(in: folder)
        }
        return nil
    }

    /// The wire name of shard `index`.
    public static func name(_ index: Int) -> String { "shard-\(index)" }

    /// `HOST:PORT`, `[V6]:PORT` or `:PROG ARGS` (the program and its arguments, as Xapian splits
    /// them: at the first space); nil for anything malformed.
    static func remote(_ address: String) -> ShardEndpoint? {
        if address.hasPrefix(":") {
            let command = address.dropFirst().split(separator: " ", maxSplits: 1)
            guard let program = command.first, !program.isEmpty else { return nil }
            return .program(String(program), arguments: command.count > 1 ? String(command[1]) : "")
        }
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(" ") else { return nil }
        return .remote(host: host, port: port)
    }
}

/// A stub line trawld cannot serve.
public struct ShardStubError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based; 0 when the stub names no database at all.
    public let line: Int
    public let text: String

    public var description: String {
        line == 0
            ? "the index's current stub names no database"
            : "cannot serve line \(line) of the index's current stub (`\(text)`): expected `auto PATH`, `remote HOST:PORT` or `remote :PROG ARGS`"
    }
}
