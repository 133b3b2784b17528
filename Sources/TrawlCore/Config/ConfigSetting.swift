import Configuration
import Foundation
import TrawlProtocol

/// One setting: its key in the config file, what it may hold, and the field of `TrawlConfig` it
/// sets. The file check, the environment's names and their check, and the reading of every layer
/// all come from `ConfigSetting.all`, so adding a setting is one line there (and its description
/// in config/trawl.yaml and README's table).
struct ConfigSetting: Sendable {
    static let all: [ConfigSetting] = [
        .init("index.path", .path, \.indexPath),
        .init("articles.root", .path, \.articlesRoot),
        .init("socket.path", .path, \.socket.path),
        .init("socket.mode", .octalMode, \.socket.mode),
        .init("socket.group", .optionalString, \.socket.group),
        .init("socket.allowed_uids", .ids, \.socket.allowedUIDs),
        .init("socket.allowed_gids", .ids, \.socket.allowedGIDs),
        .init("server.workers", .threads(upTo: 256), \.workers),
        .init("server.queue_size", .int(1...1_000_000), \.queueSize),
        .init("limits.max_request_bytes", .int(1024...(256 << 20)), \.limits.maxRequestBytes),
        .init("limits.max_limit", .int(1...TrawlProtocol.Limits.limit.upperBound), \.limits.maxLimit),
        .init("limits.query_time_budget_ms", .int(1...600_000), \.limits.queryTimeBudgetMs),
        .init("search.stemming", .choice(StemLanguages.names), \.stemLanguage),
        .init("search.default_operator", .choice([.and, .or]), \.defaultOperator),
        .init("indexing.boilerplate.drop_lines", .strings, \.boilerplateDropLines),
        .init("indexing.boilerplate.cut_from", .strings, \.boilerplateCutFrom),
        .init("indexing.synonyms_file", .optionalPath, \.synonymsFile),
        .init("indexing.writers", .threads(upTo: 64), \.indexWriters),
        .init("indexing.shards", .int(1...64), \.indexShards),
        .init("indexing.max_delete_share", .fraction, \.maxDeleteShare),
        .init("indexing.timezone", .timeZone, \.indexTimeZone),
        .init("indexing.story_window_days", .int(0...365), \.storyWindowDays),
        .init("shards.connect_timeout_ms", .int(1...60_000), \.shardTimeouts.connectMs),
        .init("shards.timeout_ms", .int(1...600_000), \.shardTimeouts.readMs),
        .init("shards.lexicon", .optionalPath, \.shardLexicon),
        .init("socket.write_uids", .ids, \.socket.writeUIDs),
        .init("socket.write_gids", .ids, \.socket.writeGIDs),
        .init("ingest.folder", .optionalPath, \.ingestFolder),
        .init("ingest.min_free_mb", .int(0...(1 << 20)), \.ingestMinFreeMB),
        .init("limits.subscription_backlog_bytes", .int(1024...(256 << 20)), \.limits.subscriptionBacklogBytes),
        .init("shards.replicas", .shardReplicas, \.shardReplicas),
        .init("log.level", .choice(["trace", "debug", "info", "notice", "warning", "error", "critical"]), \.logLevel),
    ]

    /// Other environment names for a setting: `TRAWL_SOCKET` is PROTOCOL.md's name for the
    /// socket, and wins over `TRAWL_SOCKET_PATH`.
    static let environmentAliases = ["TRAWL_SOCKET": "socket.path"]

    let key: String
    /// The type the config file's YAML must give, and what errors say is allowed.
    let type: ConfigType
    let expected: String
    /// Reads the value from one layer, checks it and stores it.
    let apply: @Sendable (LayerValue, inout TrawlConfig) throws(ConfigError) -> Void

    init<Value>(_ key: String, _ kind: ConfigKind<Value>, _ field: WritableKeyPath<TrawlConfig, Value> & Sendable) {
        self.key = key
        type = kind.type
        expected = kind.expected
        apply = { value, config throws(ConfigError) in config[keyPath: field] = try kind.read(value) }
    }

    /// A setting's environment variable: `server.queue_size` -> `TRAWL_SERVER_QUEUE_SIZE`.
    static func environmentName(_ key: String) -> String {
        "TRAWL_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }
}
