import Foundation

/// A list of full-line, case-insensitive regular expressions compiled into one alternation,
/// run once over a whole article instead of once per line.
struct LinePatternSet: Sendable {
    private let regex: NSRegularExpression?

    /// Compiles `patterns`; throws naming the first pattern that is not a valid regular expression.
    init(patterns: [String], list: String) throws(BoilerplatePatternError) {
        for pattern in patterns {
            if pattern.isEmpty {
                throw BoilerplatePatternError(pattern: pattern, list: list, problem: "the pattern is empty")
            }
            do {
                _ = try NSRegularExpression(pattern: pattern, options: LinePatternSet.options)
            } catch {
                throw BoilerplatePatternError(pattern: pattern, list: list, problem: "not a valid regular expression")
            }
        }
        guard !patterns.isEmpty else {
            regex = nil
            return
        }
        let alternation = "^(?:" + patterns.map { "(?:\($0))" }.joined(separator: "|") + ")$"
        do {
            regex = try NSRegularExpression(pattern: alternation, options: LinePatternSet.options)
        } catch {
            // Each pattern compiled alone, so the combination broke (e.g. a numbered back-reference).
            throw BoilerplatePatternError(pattern: patterns.joined(separator: " | "), list: list,
                                          problem: "the patterns do not combine; avoid numbered back-references")
        }
    }

    private static let options: NSRegularExpression.Options = [.caseInsensitive, .anchorsMatchLines]

    /// For each line, whether one of the patterns matches the whole of it. Empty lines never match.
    func matches(_ lines: [String]) -> [Bool] {
        var result = [Bool](repeating: false, count: lines.count)
        guard let regex, !lines.isEmpty else { return result }
        var starts: [Int] = []
        var lengths: [Int] = []
        starts.reserveCapacity(lines.count)
        lengths.reserveCapacity(lines.count)
        var offset = 0
        for line in lines {
            let length = line.utf16.count
            starts.append(offset)
            lengths.append(length)
            offset += length + 1
        }
        let text = lines.joined(separator: "\n")
        var lineIndex = 0
        // Matches come in text order, so one forward walk maps each to its line.
        for match in regex.matches(in: text, range: NSRange(location: 0, length: offset - 1)) {
            let range = match.range
            while lineIndex + 1 < starts.count && starts[lineIndex + 1] <= range.location {
                lineIndex += 1
            }
            if range.length > 0 && range.location == starts[lineIndex] && range.length == lengths[lineIndex] {
                result[lineIndex] = true
            }
        }
        return result
    }
}

/// A boilerplate pattern from the configuration that cannot be used.
public struct BoilerplatePatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern as the user wrote it.
    public let pattern: String
    /// Which list it came from (`dropLines` or `cutFrom`).
    public let list: String
    /// What is wrong with it.
    public let problem: String

    public var description: String {
        "invalid boilerplate pattern \"\(pattern)\" in \(list): \(problem); fix or remove it in the configuration"
    }
}
