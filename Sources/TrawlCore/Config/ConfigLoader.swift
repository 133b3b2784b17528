import Foundation

/// Builds a `TrawlConfig` from, in increasing precedence: built-in defaults, the YAML config
/// file, `TRAWL_*` environment variables, and command-line flags.
///
/// Every layer is checked against `ConfigSetting.all`, so unknown keys and wrong values stop the
/// program with the key. Relative paths from the file resolve against the file's folder; from
/// the environment and flags, against the working directory.
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
        if let chosen {
            try ConfigFile.layer(absolute(chosen, base: cwd)).apply(to: &config)
        }
        try ConfigLayer.environment(environment, base: cwd).apply(to: &config)
        try ConfigLayer.flags(flags, base: cwd).apply(to: &config)
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
