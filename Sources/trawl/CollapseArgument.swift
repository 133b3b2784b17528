import ArgumentParser
import TrawlProtocol

/// `--collapse` takes a grouping (`--collapse copies`); bare, as it was a flag before, it means
/// `copies`. A word after a bare `--collapse` that names no grouping stays a query word.
enum CollapseArgument {
    static let option = "--collapse"

    /// The arguments with `copies` after each bare `--collapse` (up to a `--`).
    static func expand(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            out.append(argument)
            index += 1
            if argument == "--" {
                out += arguments[index...]
                break
            }
            let next = index < arguments.count ? arguments[index] : nil
            if argument == option, next.flatMap(Grouping.init(rawValue:)) == nil { out.append(Grouping.copies.rawValue) }
        }
        return out
    }
}

extension Grouping: ExpressibleByArgument {}
