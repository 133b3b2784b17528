import Configuration
import Foundation

/// One layer of configuration (the file, the environment, the flags): the settings it sets, a
/// swift-configuration reader for their values, and the folder its relative paths start from.
struct ConfigLayer {
    /// How errors name a key in this layer: `FILE: index.path`, `TRAWL_INDEX_PATH`.
    let place: (String) -> String
    let base: String
    let reader: ConfigReader
    let present: Set<String>

    /// Overwrites the settings this layer sets.
    func apply(to config: inout TrawlConfig) throws(ConfigError) {
        for setting in ConfigSetting.all where present.contains(setting.key) {
            try setting.apply(LayerValue(layer: self, key: setting.key, expected: setting.expected), &config)
        }
    }

    static func environment(_ environment: [String: String], base: String) -> ConfigLayer {
        var values: [String: String] = [:]
        for setting in ConfigSetting.all { values[setting.key] = environment[ConfigSetting.environmentName(setting.key)] }
        for (alias, key) in ConfigSetting.environmentAliases where environment[alias] != nil { values[key] = environment[alias] }
        return text(values, base: base, place: ConfigSetting.environmentName)
    }

    static func flags(_ flags: [String: String], base: String) -> ConfigLayer {
        text(flags, base: base) { "the command line: \($0)" }
    }

    /// Values written as text, by dotted key. swift-configuration's environment provider reads
    /// them: numbers as written, lists separated by commas.
    private static func text(_ values: [String: String], base: String, place: @escaping (String) -> String) -> ConfigLayer {
        let named = Dictionary(uniqueKeysWithValues: values.map { (ConfigSetting.environmentName($0.key), $0.value) })
        let provider = EnvironmentVariablesProvider(environmentVariables: named).prefixKeys(with: "trawl")
        return ConfigLayer(place: place, base: base, reader: ConfigReader(provider: provider), present: Set(values.keys))
    }
}

/// One setting's value in one layer, read through swift-configuration. Errors name the setting
/// as that layer spells it (`FILE: index.path`, `TRAWL_INDEX_PATH`) and say what is allowed.
struct LayerValue {
    let layer: ConfigLayer
    let key: String
    let expected: String

    func error(_ problem: String) -> ConfigError { ConfigError("\(layer.place(key)): \(problem)") }

    func expected(got value: String? = nil) -> ConfigError { error("expected \(expected)" + (value.map { ", got \($0)" } ?? "")) }

    func string() throws(ConfigError) -> String { try required(layer.reader.string(forKey: ConfigKey(key))) }
    func int() throws(ConfigError) -> Int { try required(layer.reader.int(forKey: ConfigKey(key))) }
    func strings() throws(ConfigError) -> [String] { try required(layer.reader.stringArray(forKey: ConfigKey(key))) }
    func ints() throws(ConfigError) -> [Int] { try required(layer.reader.intArray(forKey: ConfigKey(key))) }

    /// A number; from text, spaces around it are allowed.
    func double() throws(ConfigError) -> Double {
        try required(
            layer.reader.double(forKey: ConfigKey(key))
                ?? layer.reader.string(forKey: ConfigKey(key)).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) })
    }

    private func required<Value>(_ value: Value?) throws(ConfigError) -> Value {
        guard let value else { throw expected() }
        return value
    }
}
