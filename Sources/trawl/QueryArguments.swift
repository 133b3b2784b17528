import ArgumentParser

/// The query as typed on the command line: the arguments ArgumentParser did not recognise
/// (`.allUnrecognized`, so that `-albania` is a query word), without the first `--`.
enum QueryArguments {
    static func words(_ arguments: [String]) -> [String] {
        guard let terminator = arguments.firstIndex(of: "--") else { return arguments }
        return Array(arguments[..<terminator] + arguments[(terminator + 1)...])
    }

    /// A `--word` before any `--` is a mistyped option, not a query word.
    static func refuseUnknownOptions(_ arguments: [String]) throws {
        if let option = arguments.prefix(while: { $0 != "--" }).first(where: { $0.hasPrefix("--") }) {
            throw ValidationError("unknown option \(option) (see trawl --help; after -- every word is part of the query)")
        }
    }
}
