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
}
