import Configuration
import Foundation
import SystemPackage
import Yams

/// Builds a `TrawlConfig` from, in increasing precedence: built-in defaults, the YAML config
/// file, `TRAWL_*` environment variables, and command-line flags.
///
/// The file and the environment are read through swift-configuration; the file is also checked
/// against `ConfigSchema` first, so unknown keys and wrong types stop the program with the key.
/// Relative paths from the file resolve against the file's folder; from the environment and
/// flags, against the working directory.
public enum ConfigLoader {
    /// - Parameters:
    ///   - file: `--config`; nil looks for `TRAWL_CONFIG`, then `./config/trawl.yaml`, else runs on defaults.
    ///   - flags: values from flags, by dotted key (`"index.path"`).
    public static func load(
        file: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: [String: String] = [:], workingDirectory: String = FileManager.default.currentDirectoryPath
    ) async throws(ConfigError) -> TrawlConfig {
        let cwd = workingDirectory
        let chosen = file ?? environment["TRAWL_CONFIG"] ?? defaultFile(in: cwd)
        var config = TrawlConfig(base: cwd)
        var sources: [ConfigSource] = []
        if let chosen {
            let path = absolute(chosen, base: cwd)
            sources.append(try await ConfigSource.file(path))
        }
        sources.append(try ConfigSource.environment(environment, base: cwd))
        sources.append(ConfigSource.flags(flags, base: cwd))
        for source in sources {
            try source.apply(to: &config)
        }
        return config
    }

    static func defaultFile(in cwd: String) -> String? {
        let candidate = cwd + "/config/trawl.yaml"
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    /// `path` made absolute against `base`, with `~`, `.` and `..` resolved.
    /// NOTE: the last component is kept as named, never replaced by a symlink's target (which
    /// Foundation's `standardizingPath` does when the target exists): trawld must see, and
    /// refuse, a symlink planted at its socket path.
    static func absolute(_ path: String, base: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let joined = expanded.hasPrefix("/") ? expanded : base + "/" + expanded
        let name = (joined as NSString).lastPathComponent
        guard !["", "/", ".", ".."].contains(name) else { return (joined as NSString).standardizingPath }
        let folder = ((joined as NSString).deletingLastPathComponent as NSString).standardizingPath
        return (folder.hasSuffix("/") ? folder : folder + "/") + name
    }
}

/// One layer of configuration and the folder its relative paths are relative to.
struct ConfigSource {
    let name: String
    let base: String
    let reader: ConfigReader
    let present: Set<String>

    static func file(_ path: String) async throws(ConfigError) -> ConfigSource {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError("cannot read the config file \(path): check the path given with --config or TRAWL_CONFIG")
        }
        let present = try ConfigFileValidator.validate(text, file: path)
        let base = (path as NSString).deletingLastPathComponent
        // An empty file, or one of comments only, sets nothing: all defaults. (The YAML
        // provider would refuse it, as its top level is not a mapping.)
        guard !present.isEmpty else {
            return ConfigSource(name: path, base: base, reader: ConfigReader(provider: InMemoryProvider(values: [:])), present: [])
        }
        do {
            let provider = try await FileProvider<YAMLSnapshot>(filePath: FilePath(path))
            return ConfigSource(name: path, base: base, reader: ConfigReader(provider: provider), present: present)
        } catch {
            throw ConfigError("\(path): \(error)")
        }
    }

    static func environment(_ environment: [String: String], base: String) throws(ConfigError) -> ConfigSource {
        var values = environment
        if let socket = environment["TRAWL_SOCKET"] { values["TRAWL_SOCKET_PATH"] = socket }  // PROTOCOL.md's name
        let present = Set(ConfigSchema.keys.map(\.key).filter { values[ConfigSchema.environmentName($0)] != nil })
        let provider = EnvironmentVariablesProvider(environmentVariables: values).prefixKeys(with: "trawl")
        return ConfigSource(name: "the environment", base: base, reader: ConfigReader(provider: provider), present: present)
    }

    static func flags(_ flags: [String: String], base: String) -> ConfigSource {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in flags { values[AbsoluteConfigKey(ConfigKey(key))] = ConfigValue(.string(value), isSecret: false) }
        return ConfigSource(
            name: "the command line", base: base, reader: ConfigReader(provider: InMemoryProvider(values: values)),
            present: Set(flags.keys))
    }

    /// Overwrites the settings this layer has.
    func apply(to config: inout TrawlConfig) throws(ConfigError) {
        for (key, kind) in ConfigSchema.keys where present.contains(key) {
            try ConfigValueApplier(source: self, key: key, kind: kind).apply(to: &config)
        }
    }
}
