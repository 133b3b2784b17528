import Configuration
import Foundation

/// Reads one key from one configuration layer and stores it in `TrawlConfig`.
struct ConfigValueApplier {
    let source: ConfigSource
    let key: String
    let kind: ConfigKind

    private var where_: String {
        source.name == "the environment" ? ConfigSchema.environmentName(key) : "\(source.name): \(key)"
    }

    func apply(to config: inout TrawlConfig) throws(ConfigError) {
        switch key {
        case "index.path": config.indexPath = try path()
        case "articles.root": config.articlesRoot = try path()
        case "socket.path": config.socket.path = try path()
        case "socket.mode": config.socket.mode = try octal()
        case "socket.group": config.socket.group = try string().nilIfEmpty
        case "socket.allowed_uids": config.socket.allowedUIDs = try ids()
        case "socket.allowed_gids": config.socket.allowedGIDs = try ids()
        case "server.workers": config.workers = try int(in: 0...256).nonZero ?? TrawlConfig(base: "/").workers
        case "server.queue_size": config.queueSize = try int(in: 1...1_000_000)
        case "limits.max_request_bytes": config.limits.maxRequestBytes = try int(in: 1024...(256 << 20))
        case "limits.max_limit": config.limits.maxLimit = try int(in: 1...SearchQuery.maximumLimit)
        case "limits.query_time_budget_ms": config.limits.queryTimeBudgetMs = try int(in: 1...600_000)
        case "search.stemming": config.stemLanguage = try string()
        case "search.default_operator": config.defaultOperator = try string() == "or" ? .or : .and
        case "indexing.boilerplate.drop_lines": config.boilerplateDropLines = try strings()
        case "indexing.boilerplate.cut_from": config.boilerplateCutFrom = try strings()
        case "indexing.synonyms_file": config.synonymsFile = try path()
        case "indexing.writers": config.indexWriters = try int(in: 0...64).nonZero ?? TrawlConfig(base: "/").indexWriters
        case "indexing.max_delete_share": config.maxDeleteShare = try fraction()
        case "indexing.timezone": config.indexTimeZone = try timeZone()
        case "log.level": config.logLevel = try string()
        default: throw ConfigError("\(where_): not a known setting")
        }
    }

    /// The value as written; for a choice, in lower case (choices are case-insensitive).
    private func string() throws(ConfigError) -> String {
        if let value = source.reader.string(forKey: ConfigKey(key)) {
            guard case .choice(let options) = kind else { return value }
            guard options.contains(value.lowercased()) else {
                throw ConfigError("\(where_): expected \(kind.expected), got \"\(value)\"")
            }
            return value.lowercased()
        }
        throw ConfigError("\(where_): expected \(kind.expected)")
    }

    /// An IANA zone name (`Europe/London`, `America/New_York`, `UTC`).
    private func timeZone() throws(ConfigError) -> TimeZone {
        let name = try string()
        // TimeZone(identifier:) also accepts abbreviations and offsets ("BST", "GMT+1"): only names
        // from the zone database (and UTC) are taken, so that summer time is applied.
        guard name == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(name), let zone = TimeZone(identifier: name) else {
            throw ConfigError("\(where_): \"\(name)\" is not a time zone; use an IANA name such as UTC, Europe/London or America/New_York")
        }
        return zone
    }

    private func path() throws(ConfigError) -> String {
        let value = try string()
        guard !value.isEmpty else { throw ConfigError("\(where_): the path is empty") }
        return ConfigLoader.absolute(value, base: source.base)
    }

    private func int(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let value = source.reader.int(forKey: ConfigKey(key)) ?? source.reader.string(forKey: ConfigKey(key)).flatMap { Int($0) }
        guard let value else { throw ConfigError("\(where_): expected \(kind.expected)") }
        guard range.contains(value) else {
            throw ConfigError("\(where_): \(value) is out of range; use \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private func fraction() throws(ConfigError) -> Double {
        let key = ConfigKey(key)
        let value = source.reader.double(forKey: key) ?? source.reader.int(forKey: key).map(Double.init)
            ?? source.reader.string(forKey: key).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard let value else { throw ConfigError("\(where_): expected \(kind.expected)") }
        guard (0...1).contains(value) else { throw ConfigError("\(where_): expected \(kind.expected), got \(value)") }
        return value
    }

    private func octal() throws(ConfigError) -> UInt32 {
        let text = try string()
        guard let mode = UInt32(text, radix: 8), mode <= 0o777 else {
            throw ConfigError("\(where_): expected \(kind.expected), got \"\(text)\"")
        }
        return mode
    }

    private func strings() throws(ConfigError) -> [String] {
        if let values = source.reader.stringArray(forKey: ConfigKey(key)) { return values }
        throw ConfigError("\(where_): expected \(kind.expected)")
    }

    private func ids() throws(ConfigError) -> [UInt32] {
        let values = source.reader.intArray(forKey: ConfigKey(key))
            ?? source.reader.stringArray(forKey: ConfigKey(key))?.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let values, let ids = Optional(values.compactMap { UInt32(exactly: $0) }), ids.count == values.count else {
            throw ConfigError("\(where_): expected \(kind.expected)")
        }
        return ids
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Int {
    var nonZero: Int? { self == 0 ? nil : self }
}
