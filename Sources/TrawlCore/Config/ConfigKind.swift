import Configuration
import Foundation

/// What a setting may hold, each kind's rules in one place: the type the config file's YAML must
/// give (`type`), how errors say what is allowed (`expected`), and how a value from any layer is
/// checked and turned into the field's value (`read`).
struct ConfigKind<Value>: Sendable {
    let type: ConfigType
    let expected: String
    let read: @Sendable (LayerValue) throws(ConfigError) -> Value

    /// This kind, its value then changed by `transform`.
    func map<Other>(_ transform: @escaping @Sendable (Value) -> Other) -> ConfigKind<Other> {
        ConfigKind<Other>(type: type, expected: expected) { value throws(ConfigError) in transform(try read(value)) }
    }
}

extension ConfigKind<String> {
    static let string = ConfigKind(type: .string, expected: "a string") { value throws(ConfigError) in try value.string() }

    /// Made absolute against the layer's folder.
    static let path = ConfigKind(
        type: .string, expected: "a path (relative paths are resolved against the config file's folder)"
    ) { value throws(ConfigError) in
        let path = try value.string()
        guard !path.isEmpty else { throw value.error("the path is empty") }
        return ConfigLoader.absolute(path, base: value.layer.base)
    }

    /// One of these words, in any case (`AND` is `and`); read in lower case.
    static func choice(_ options: [String]) -> ConfigKind {
        ConfigKind(type: .string, expected: "one of " + options.joined(separator: ", ")) { value throws(ConfigError) in
            let word = try value.string()
            guard options.contains(word.lowercased()) else { throw value.expected(got: "\"\(word)\"") }
            return word.lowercased()
        }
    }
}

extension ConfigKind<String?> {
    /// A string where "" leaves the setting unset.
    static let optionalString = ConfigKind<String>.string.map { $0.isEmpty ? nil : $0 }
    /// A path, for a setting that has none by default; "" leaves it unset.
    static let optionalPath = ConfigKind(
        type: .string, expected: ConfigKind<String>.path.expected + ", or \"\" for none"
    ) { value throws(ConfigError) in
        try value.string().isEmpty ? nil : try ConfigKind<String>.path.read(value)
    }
}

extension ConfigKind where Value: RawRepresentable<String> & Sendable {
    /// One of these values, written as its raw value in any case.
    static func choice(_ options: [Value]) -> ConfigKind {
        // ConfigKind<String>.choice reads one of the raw values, so init?(rawValue:) succeeds.
        ConfigKind<String>.choice(options.map(\.rawValue)).map { Value(rawValue: $0)! }
    }
}

extension ConfigKind<Int> {
    static func int(_ range: ClosedRange<Int>) -> ConfigKind {
        ConfigKind(type: .int, expected: "an integer") { value throws(ConfigError) in
            let number = try value.int()
            guard range.contains(number) else {
                throw value.error("\(number) is out of range; use \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
    }

    /// A thread count up to `maximum`, where 0 means one per core.
    static func threads(upTo maximum: Int) -> ConfigKind {
        int(0...maximum).map { $0 == 0 ? TrawlConfig.onePerCore : $0 }
    }
}

extension ConfigKind<UInt32> {
    static let octalMode = ConfigKind(type: .string, expected: "an octal file mode in quotes, like \"0660\"") {
        value throws(ConfigError) in
        let text = try value.string()
        guard let mode = UInt32(text, radix: 8), mode <= 0o777 else { throw value.expected(got: "\"\(text)\"") }
        return mode
    }
}

extension ConfigKind<Double> {
    static let fraction = ConfigKind(type: .double, expected: "a number from 0 to 1, like 0.5") { value throws(ConfigError) in
        let number = try value.double()
        guard (0...1).contains(number) else { throw value.expected(got: "\(number)") }
        return number
    }
}

extension ConfigKind<[String]> {
    static let strings = ConfigKind(type: .stringArray, expected: "a list of strings") { value throws(ConfigError) in
        try value.strings()
    }
}

extension ConfigKind<[UInt32]> {
    static let ids = ConfigKind(type: .intArray, expected: "a list of numeric ids") { value throws(ConfigError) in
        let ids = try value.ints().map { UInt32(exactly: $0) }
        guard !ids.contains(nil) else { throw value.expected() }
        return ids.compactMap { $0 }
    }
}

extension ConfigKind<TimeZone> {
    /// An IANA zone name (`Europe/London`, `America/New_York`, `UTC`).
    static let timeZone = ConfigKind(type: .string, expected: "a string") { value throws(ConfigError) in
        let name = try value.string()
        // TimeZone(identifier:) also accepts abbreviations and offsets ("BST", "GMT+1"): only names
        // from the zone database (and UTC) are taken, so that summer time is applied.
        guard name == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(name), let zone = TimeZone(identifier: name) else {
            throw value.error("\"\(name)\" is not a time zone; use an IANA name such as UTC, Europe/London or America/New_York")
        }
        return zone
    }
}
