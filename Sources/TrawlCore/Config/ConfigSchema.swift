/// Every key the config file may hold, with its type. Unknown keys and wrong types are errors
/// that name the key, so a typo never silently falls back to a default.
enum ConfigKind: Sendable {
    case path, string, int, octal, strings, ids
    /// A number from 0 to 1.
    case fraction
    /// One of these words, in any case (`AND` is `and`).
    case choice([String])

    var expected: String {
        switch self {
        case .path: "a path (relative paths are resolved against the config file's folder)"
        case .string: "a string"
        case .int: "an integer"
        case .octal: "an octal file mode in quotes, like \"0660\""
        case .strings: "a list of strings"
        case .ids: "a list of numeric ids"
        case .fraction: "a number from 0 to 1, like 0.5"
        case .choice(let options): "one of " + options.joined(separator: ", ")
        }
    }
}

enum ConfigSchema {
    static let keys: [(key: String, kind: ConfigKind)] = [
        ("index.path", .path),
        ("articles.root", .path),
        ("socket.path", .path),
        ("socket.mode", .octal),
        ("socket.group", .string),
        ("socket.allowed_uids", .ids),
        ("socket.allowed_gids", .ids),
        ("server.workers", .int),
        ("server.queue_size", .int),
        ("limits.max_request_bytes", .int),
        ("limits.max_limit", .int),
        ("limits.query_time_budget_ms", .int),
        ("search.stemming", .choice(StemLanguages.names)),
        ("search.default_operator", .choice(["and", "or"])),
        ("indexing.boilerplate.drop_lines", .strings),
        ("indexing.boilerplate.cut_from", .strings),
        ("indexing.synonyms_file", .path),
        ("indexing.writers", .int),
        ("indexing.max_delete_share", .fraction),
        ("indexing.timezone", .string),
        ("log.level", .choice(["trace", "debug", "info", "notice", "warning", "error", "critical"])),
    ]

    static func kind(of key: String) -> ConfigKind? { keys.first { $0.key == key }?.kind }

    /// The environment variable for a key: `socket.queue_size` -> `TRAWL_SOCKET_QUEUE_SIZE`.
    static func environmentName(_ key: String) -> String {
        "TRAWL_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }
}
