/// `TRAWL_*` variables that name no setting. A typo (`TRAWL_SERVR_WORKERS`) would otherwise be
/// ignored in silence; it is a warning, not an error, because other tools may set their own
/// `TRAWL_`-prefixed variables.
public enum EnvironmentCheck {
    /// Variables the programs, their tests and the cron example use for themselves.
    static let ownVariables = ["TRAWL_CONFIG", "TRAWL_HOME", "TRAWL_LOG", "TRAWL_BIN_DIR", "TRAWL_SOAK"]

    /// One warning per unknown variable, naming the closest known one.
    public static func warnings(_ environment: [String: String]) -> [String] {
        let settings = ConfigSetting.all.map { ConfigSetting.environmentName($0.key) }
        let known = settings + ConfigSetting.environmentAliases.keys + ownVariables
        return environment.keys.filter { $0.hasPrefix("TRAWL_") && !known.contains($0) }.sorted().map { name in
            let closest = known.min { editDistance(name, $0) < editDistance(name, $1) } ?? ""
            return "\(name) is not a Trawl setting and is ignored; did you mean \(closest)?"
        }
    }

    /// Levenshtein distance over bytes (the names are ASCII).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for j in b.indices {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
