/// `-0` is search's `--null` (as in `xargs -0`), but it is not declared to ArgumentParser as a short
/// name: ArgumentParser reads any `-word` as a group of short flags, so with `-0` declared, a
/// negated query word holding a 0 (`trawl crossings -2025`, `-G20`) was `--null` plus unknown
/// options (`-2`, `-5`). A `-0` on its own (before any `--`) is turned into `--null` here instead,
/// and every other `-word` stays a query word.
enum ShortNullFlag {
    static let short = "-0"
    static let long = "--null"

    static func expand(_ arguments: [String]) -> [String] {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        return arguments[..<end].map { $0 == short ? long : $0 } + arguments[end...]
    }
}
