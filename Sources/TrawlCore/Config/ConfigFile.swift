import Configuration
import Foundation
import Yams

/// The YAML config file, parsed once: every key checked against `ConfigSetting.all` (an unknown
/// key or a wrong type stops the program, naming the key), the values handed on as a layer.
enum ConfigFile {
    static func layer(_ path: String) throws(ConfigError) -> ConfigLayer {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError("cannot read the config file \(path): check the path given with --config or TRAWL_CONFIG")
        }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch { throw ConfigError("\(path): not valid YAML: \(error)") }
        var values: [String: ConfigContent] = [:]
        // Nothing, or an empty document (`---` alone, which YAML reads as null): no key set.
        if let root, !(root is NSNull) {
            guard let mapping = root as? [String: Any] else {
                throw ConfigError("\(path): the top level must be a mapping of sections (index:, socket:, ...)")
            }
            try walk(mapping, prefix: "", file: path, into: &values)
        }
        var provided: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, content) in values { provided[AbsoluteConfigKey(ConfigKey(key))] = ConfigValue(content, isSecret: false) }
        return ConfigLayer(
            place: { "\(path): \($0)" }, base: (path as NSString).deletingLastPathComponent,
            reader: ConfigReader(provider: InMemoryProvider(values: provided)), present: Set(values.keys))
    }

    private static func walk(
        _ mapping: [String: Any], prefix: String, file: String, into values: inout [String: ConfigContent]
    ) throws(ConfigError) {
        for (name, value) in mapping {
            let key = prefix.isEmpty ? name : prefix + "." + name
            if let setting = ConfigSetting.all.first(where: { $0.key == key }) {
                // YAML `~`/`null` (NSNull from Yams) means "not set".
                if value is NSNull { continue }
                guard let content = content(value, as: setting.type) else {
                    throw ConfigError("\(file): \(key): expected \(setting.expected), got \(describe(value))")
                }
                values[key] = content
            } else if ConfigSetting.all.contains(where: { $0.key.hasPrefix(key + ".") }) {
                // A section: a mapping, or empty (`index:` with every key commented out).
                if let nested = value as? [String: Any] {
                    try walk(nested, prefix: key, file: file, into: &values)
                } else if !(value is NSNull) {
                    throw ConfigError("\(file): \(key): expected a section of keys (\(key).…), got \(describe(value))")
                }
            } else {
                let known = ConfigSetting.all.map(\.key).joined(separator: ", ")
                throw ConfigError("\(file): unknown key \(key); known keys are: \(known)")
            }
        }
    }

    /// The value as a content of `type`; nil when YAML gave another type. (Whether the value is
    /// allowed, like a number in range, is checked for every layer alike by its `ConfigKind`.)
    private static func content(_ value: Any, as type: ConfigType) -> ConfigContent? {
        switch type {
        case .string: (value as? String).map { .string($0) }
        case .int: (value as? Int).map { .int($0) }
        case .double: (value as? Double ?? (value as? Int).map(Double.init)).map { .double($0) }
        case .stringArray: (value as? [String]).map { .stringArray($0) }
        case .intArray: (value as? [Int]).map { .intArray($0) }
        default: nil
        }
    }

    private static func describe(_ value: Any) -> String {
        if let string = value as? String { return "\"\(string)\"" }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "a mapping" }
        return "\(value)"
    }
}
