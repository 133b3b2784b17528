import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// What the config file and the environment may say, and how a mistake is reported at start.
@Suite(.ownThreads) struct ConfigLoaderTests {
    private func load(_ yaml: String, environment: [String: String] = [:]) async throws(ConfigError) -> TrawlConfig {
        let folder = NSTemporaryDirectory() + "trawl-config-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try? yaml.write(toFile: folder + "/trawl.yaml", atomically: false, encoding: .utf8)
        return try await ConfigLoader.load(file: folder + "/trawl.yaml", environment: environment, workingDirectory: "/srv")
    }

    @Test(arguments: ["", "\n", "# nothing set yet\n# index:\n#   path: x\n", "index:\n  # path: x\nsearch: ~\n", "---\n", "---\n# nothing set yet\n...\n"])
    func aFileThatSetsNothingMeansAllDefaults(yaml: String) async throws {
        #expect(try await load(yaml) == TrawlConfig(base: "/srv"))
    }

    @Test func anUnknownStemmerIsRefusedNamingTheKeyAndTheLanguages() async throws {
        for (yaml, environment, place) in [
            ("search:\n  stemming: klingon\n", [:], "search.stemming"),
            ("", ["TRAWL_SEARCH_STEMMING": "klingon"], "TRAWL_SEARCH_STEMMING"),
        ] {
            let error = try await #require(throws: ConfigError.self) { try await load(yaml, environment: environment) }
            #expect(error.message.contains(place) && error.message.contains("klingon"), "\(error)")
            #expect(error.message.contains("english") && error.message.contains("french") && error.message.contains("none"))
        }
        #expect(try await load("search:\n  stemming: French\n").stemLanguage == "french")
        #expect(try await load("search:\n  stemming: none\n").stemLanguage == "none")
    }

    @Test func choicesAreCaseInsensitive() async throws {
        let config = try await load("search:\n  default_operator: OR\nlog:\n  level: DEBUG\n")
        #expect(config.defaultOperator == .or && config.logLevel == "debug")
        #expect(try await load("search:\n  default_operator: AND\n").defaultOperator == .and)
        #expect(try await load("", environment: ["TRAWL_SEARCH_DEFAULT_OPERATOR": "Or"]).defaultOperator == .or)
    }

    @Test func theDeleteShareIsAFraction() async throws {
        #expect(try await load("").maxDeleteShare == 0.5)
        #expect(try await load("indexing:\n  max_delete_share: 0.25\n").maxDeleteShare == 0.25)
        #expect(try await load("indexing:\n  max_delete_share: 1\n").maxDeleteShare == 1)
        #expect(try await load("", environment: ["TRAWL_INDEXING_MAX_DELETE_SHARE": "0.1"]).maxDeleteShare == 0.1)
        for (yaml, environment) in [("indexing:\n  max_delete_share: 2\n", [:]), ("", ["TRAWL_INDEXING_MAX_DELETE_SHARE": "half"])] {
            let error = try await #require(throws: ConfigError.self) { try await load(yaml, environment: environment) }
            #expect(error.message.lowercased().contains("max_delete_share") && error.message.contains("a number from 0 to 1"), "\(error)")
        }
    }

    @Test func unknownTrawlVariablesAreWarnedAboutWithTheClosestName() {
        let warnings = EnvironmentCheck.warnings([
            "TRAWL_SERVR_WORKERS": "4", "TRAWL_SERVER_WORKERS": "4", "TRAWL_CONFIG": "x", "TRAWL_SOCKET": "s",
            "TRAWL_HOME": "/opt/trawl", "PATH": "/bin", "TRAWL_SOCKT": "s",
        ])
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.first?.contains("TRAWL_SERVR_WORKERS") == true && warnings.first?.contains("did you mean TRAWL_SERVER_WORKERS") == true)
        #expect(warnings.last?.contains("TRAWL_SOCKT") == true && warnings.last?.contains("TRAWL_SOCKET?") == true)
    }

    /// config/trawl.yaml documents every setting: each key of `ConfigSetting.all` is in it, and it loads.
    @Test func theShippedConfigSetsEverySetting() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let file = root + "/config/trawl.yaml"
        #expect(try ConfigFile.layer(file).present == Set(ConfigSetting.all.map(\.key)))
        let config = try await ConfigLoader.load(file: file, environment: [:], workingDirectory: "/srv")
        #expect(config.indexPath == root + "/index" && config.synonymsFile == root + "/config/synonyms.txt")
    }

    @Test func eachLayerNamesTheSettingAsItIsWritten() async throws {
        for (yaml, environment, message) in [
            ("socket:\n  mode: \"0999\"\n", [:],
             "trawl.yaml: socket.mode: expected an octal file mode in quotes, like \"0660\", got \"0999\""),
            ("", ["TRAWL_SOCKET_MODE": "rw"], "TRAWL_SOCKET_MODE: expected an octal file mode"),
            ("limits:\n  max_limit: many\n", [:], "limits.max_limit: expected an integer, got \"many\""),
            ("server:\n  workers: [1]\n", [:], "server.workers: expected an integer, got a list"),
            ("socket: /tmp/s\n", [:], "socket: expected a section of keys (socket.…), got \"/tmp/s\""),
            ("index:\n  pathh: x\n", [:], "unknown key index.pathh; known keys are: index.path, articles.root"),
            ("socket:\n  allowed_uids: [1, -1]\n", [:], "socket.allowed_uids: expected a list of numeric ids"),
            ("", ["TRAWL_SOCKET_ALLOWED_GIDS": "1,x"], "TRAWL_SOCKET_ALLOWED_GIDS: expected a list of numeric ids"),
            ("", ["TRAWL_SERVER_QUEUE_SIZE": "0"], "TRAWL_SERVER_QUEUE_SIZE: 0 is out of range; use 1 to 1000000"),
            ("", ["TRAWL_INDEX_PATH": ""], "TRAWL_INDEX_PATH: the path is empty"),
            ("indexing:\n  shards: 0\n", [:], "indexing.shards: 0 is out of range; use 1 to 64"),
            ("", ["TRAWL_INDEXING_SHARDS": "65"], "TRAWL_INDEXING_SHARDS: 65 is out of range; use 1 to 64"),
        ] {
            let error = try await #require(throws: ConfigError.self) { try await load(yaml, environment: environment) }
            #expect(error.message.contains(message), "\(error)")
        }
        let flag = try await #require(throws: ConfigError.self) {
            try await ConfigLoader.load(file: nil, environment: [:], flags: ["indexing.writers": "1000"], workingDirectory: "/none")
        }
        #expect(flag.message == "the command line: indexing.writers: 1000 is out of range; use 0 to 64")
    }

    /// `indexing.shards`: one database unless set, from the file or the environment.
    @Test func shardsDefaultToOneAndComeFromFileOrEnvironment() async throws {
        #expect(try await load("").indexShards == 1)
        #expect(try await load("indexing:\n  shards: 3\n").indexShards == 3)
        #expect(try await load("", environment: ["TRAWL_INDEXING_SHARDS": "4"]).indexShards == 4)
    }

    /// `shards.*`: remote shards' timeouts, 500/1000 ms unless set; one that leaves no room in the
    /// query time budget is refused (trawld checks it when it serves remote shards).
    @Test func shardTimeoutsDefaultAndMustFitTheBudget() async throws {
        #expect(try await load("").shardTimeouts == ShardTimeouts(connectMs: 500, readMs: 1000))
        let set = try await load("shards:\n  connect_timeout_ms: 200\n", environment: ["TRAWL_SHARDS_TIMEOUT_MS": "700"])
        #expect(set.shardTimeouts == ShardTimeouts(connectMs: 200, readMs: 700))
        #expect(throws: Never.self) { try set.shardTimeouts.check(budgetMs: set.limits.queryTimeBudgetMs) }
        let error = #expect(throws: ConfigError.self) { try ShardTimeouts(readMs: 2000).check(budgetMs: 2000) }
        #expect(error?.message.hasPrefix("shards.timeout_ms (2000) must be below limits.query_time_budget_ms (2000)") == true)
    }

    /// `shards.replicas`: each entry a stub line's HOST:PORT, then its replicas'; from the file or
    /// the environment (entries separated by commas); malformed entries are refused, saying why.
    @Test func shardReplicasComeFromFileOrEnvironmentAndAreChecked() async throws {
        #expect(try await load("").shardReplicas.isEmpty)
        let fromFile = try await load("shards:\n  replicas: [\"10.0.0.5:7101 10.0.0.6:7101\", \"10.0.0.5:7102 [::1]:7102\"]\n")
        #expect(fromFile.shardReplicas.groups == [
            [.remote(host: "10.0.0.5", port: 7101), .remote(host: "10.0.0.6", port: 7101)],
            [.remote(host: "10.0.0.5", port: 7102), .remote(host: "::1", port: 7102)],
        ])
        let fromEnvironment = try await load("", environment: ["TRAWL_SHARDS_REPLICAS": "a:1 b:1,a:2 b:2 c:2"])
        #expect(fromEnvironment.shardReplicas.groups.map(\.count) == [2, 3])
        let cases = [
            "a:1": "names one endpoint", "a:1 b": "\"b\" in \"a:1 b\" is not HOST:PORT", "a:1 b:1,b:1 c:1": "b:1 is listed twice",
        ]
        for (value, problem) in cases {
            let error = await #expect(throws: ConfigError.self) {
                try await load("", environment: ["TRAWL_SHARDS_REPLICAS": value])
            }
            #expect(error?.message.contains(problem) == true, "\(value): \(error?.message ?? "")")
        }
        let stub = try ShardStub(text: "remote a:1\nremote a:2\n", folder: "/idx")
        #expect(fromEnvironment.shardReplicas.servers(of: stub) == [
            ShardServer(shard: 0, endpoint: .remote(host: "a", port: 1)), ShardServer(shard: 0, endpoint: .remote(host: "b", port: 1)),
            ShardServer(shard: 1, endpoint: .remote(host: "a", port: 2)), ShardServer(shard: 1, endpoint: .remote(host: "b", port: 2)),
            ShardServer(shard: 1, endpoint: .remote(host: "c", port: 2)),
        ])
        #expect(fromFile.shardReplicas.unmatched(by: stub) == [.remote(host: "10.0.0.5", port: 7101), .remote(host: "10.0.0.5", port: 7102)])
    }

    /// Defaults < file < environment < flags; relative paths from the file start at its folder,
    /// others at the working directory.
    @Test func layersOverrideInOrder() async throws {
        let yaml = "index:\n  path: data/index\nsocket:\n  path: s.sock\n  group: \"\"\n  allowed_uids: [7, 8]\n"
            + "server:\n  workers: 0\n"
        let fromFile = try await load(yaml)
        #expect(fromFile.indexPath.hasSuffix("/data/index") && !fromFile.indexPath.hasPrefix("/srv"))
        #expect(fromFile.socket.group == nil && fromFile.socket.allowedUIDs == [7, 8] && fromFile.workers == TrawlConfig.onePerCore)

        let environment = [
            "TRAWL_SOCKET_PATH": "run/a.sock", "TRAWL_SOCKET_ALLOWED_UIDS": "9, 10", "TRAWL_SERVER_WORKERS": "3",
            "TRAWL_INDEXING_BOILERPLATE_DROP_LINES": "^Ads$,^Share$", "TRAWL_SOCKET_GROUP": "news",
        ]
        let fromEnvironment = try await load(yaml, environment: environment)
        #expect(fromEnvironment.socket.path == "/srv/run/a.sock" && fromEnvironment.socket.allowedUIDs == [9, 10])
        #expect(fromEnvironment.workers == 3 && fromEnvironment.socket.group == "news")
        #expect(fromEnvironment.boilerplateDropLines == ["^Ads$", "^Share$"])
        // PROTOCOL.md's TRAWL_SOCKET wins over TRAWL_SOCKET_PATH.
        let aliased = try await load(yaml, environment: environment.merging(["TRAWL_SOCKET": "b.sock"]) { $1 })
        #expect(aliased.socket.path == "/srv/b.sock")

        let folder = NSTemporaryDirectory() + "trawl-layers-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try yaml.write(toFile: folder + "/trawl.yaml", atomically: false, encoding: .utf8)
        let flagged = try await ConfigLoader.load(
            file: folder + "/trawl.yaml", environment: environment, flags: ["socket.path": "c.sock", "server.workers": "5"],
            workingDirectory: "/srv")
        #expect(flagged.indexPath == folder + "/data/index" && flagged.socket.path == "/srv/c.sock" && flagged.workers == 5)
    }

    /// Write access and the ingest folder: off and `pushed/` in the articles root by default;
    /// TRAWL_SOCKET_WRITE_UIDS / _GIDS (comma-separated), TRAWL_ARTICLES_ROOT and TRAWL_INGEST_FOLDER set them.
    @Test func writeAccessAndIngestFolder() async throws {
        let defaults = try await load("")
        #expect(defaults.socket.writeUIDs.isEmpty && defaults.socket.writeGIDs.isEmpty)
        #expect(defaults.ingestPath == defaults.articlesRoot + "/pushed")
        let set = try await load("", environment: [
            "TRAWL_SOCKET_WRITE_UIDS": "1000, 1001", "TRAWL_SOCKET_WRITE_GIDS": "50", "TRAWL_ARTICLES_ROOT": "news",
        ])
        #expect(set.socket.writeUIDs == [1000, 1001] && set.socket.writeGIDs == [50])
        #expect(set.articlesRoot == "/srv/news" && set.ingestPath == "/srv/news/pushed")
        let moved = try await load("ingest:\n  folder: \"\"\n", environment: ["TRAWL_INGEST_FOLDER": "news/wire"])
        #expect(moved.ingestPath == "/srv/news/wire")
    }
}
