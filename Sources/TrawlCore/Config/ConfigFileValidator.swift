import Foundation
import Yams

/// Checks a YAML config file against `ConfigSchema` before any value is used.
enum ConfigFileValidator {
    /// Returns the dotted keys the file sets; throws on a YAML error, an unknown key or a wrong type.
    static func validate(_ text: String, file: String) throws(ConfigError) -> Set<String> {
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch { throw ConfigError("\(file): not valid YAML: \(error)") }
        // Nothing, or an empty document (`---` alone, which YAML reads as null): no key set.
        guard let root, !(root is NSNull) else { return [] }
        guard let mapping = root as? [String: Any] else {
            throw ConfigError("\(file): the top level must be a mapping of sections (index:, socket:, ...)")
        }
        var present = Set<String>()
        try walk(mapping, prefix: "", file: file, present: &present)
        return present
    }

    private static func walk(_ mapping: [String: Any], prefix: String, file: String, present: inout Set<String>) throws(ConfigError) {
        for (name, value) in mapping {
            let key = prefix.isEmpty ? name : prefix + "." + name
            if let kind = ConfigSchema.kind(of: key) {
                // YAML `~`/`null` (NSNull from Yams) means "not set".
                guard value is NSNull || matches(value, kind) else {
                    throw ConfigError("\(file): \(key): expected \(kind.expected), got \(describe(value))")
                }
                if !(value is NSNull) { present.insert(key) }
            } else if ConfigSchema.keys.contains(where: { $0.key.hasPrefix(key + ".") }) {
                // A section: a mapping, or empty (`index:` with every key commented out).
                if let nested = value as? [String: Any] {
                    try walk(nested, prefix: key, file: file, present: &present)
                } else if !(value is NSNull) {
                    throw ConfigError("\(file): \(key): expected a section of keys (\(key).…), got \(describe(value))")
                }
            } else {
                let known = ConfigSchema.keys.map(\.key).joined(separator: ", ")
                throw ConfigError("\(file): unknown key \(key); known keys are: \(known)")
            }
        }
    }

    private static func matches(_ value: Any, _ kind: ConfigKind) -> Bool {
        switch kind {
        case .path, .string: value is String
        case .int: value is Int
        case .octal: (value as? String).map { UInt32($0, radix: 8) != nil } ?? false
        case .strings: (value as? [Any])?.allSatisfy { $0 is String } ?? false
        case .ids: (value as? [Any])?.allSatisfy { ($0 as? Int).map { $0 >= 0 } ?? false } ?? false
        case .fraction: (value as? Double ?? (value as? Int).map(Double.init)).map { (0...1).contains($0) } ?? false
        case .choice(let options): (value as? String).map { options.contains($0.lowercased()) } ?? false
        }
    }

    private static func describe(_ value: Any) -> String {
        if let string = value as? String { return "\"\(string)\"" }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "a mapping" }
        return "\(value)"
    }
}

