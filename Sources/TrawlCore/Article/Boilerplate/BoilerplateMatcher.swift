import Foundation

/// The drop and cut pattern lists compiled into one regular expression, run over whole
/// articles rather than line by line.
///
/// The expression is `^(?:(cut₁|cut₂…)|drop₁|drop₂…)$` with multi-line anchors: group 1
/// tells a cut line from a dropped one.
struct BoilerplateMatcher: Sendable {
    /// What the patterns say about one line.
    enum Verdict: Equatable {
        case keep, drop, cut
    }

    private let regex: NSRegularExpression?

    /// Compiles the lists; throws naming the first pattern that is not a valid regular expression.
    init(drop: [String], cut: [String]) throws(BoilerplatePatternError) {
        try Self.validate(drop, list: "dropLines")
        try Self.validate(cut, list: "cutFrom")
        guard !drop.isEmpty || !cut.isEmpty else {
            regex = nil
            return
        }
        let never = "(?!x)x"
        let cutGroup = "(" + (cut.isEmpty ? never : cut.map { "(?:\($0))" }.joined(separator: "|")) + ")"
        let alternation = "^(?:" + ([cutGroup] + drop.map { "(?:\($0))" }).joined(separator: "|") + ")$"
        do {
            regex = try NSRegularExpression(pattern: alternation, options: Self.options)
        } catch {
            // Each pattern compiled alone, so the combination broke (e.g. a numbered back-reference).
            throw BoilerplatePatternError(pattern: (cut + drop).joined(separator: " | "), list: "dropLines/cutFrom",
                                          problem: "the patterns do not combine; avoid numbered back-references")
        }
    }

    private static let options: NSRegularExpression.Options = [.caseInsensitive, .anchorsMatchLines]

    private static func validate(_ patterns: [String], list: String) throws(BoilerplatePatternError) {
        for pattern in patterns {
            if pattern.isEmpty {
                throw BoilerplatePatternError(pattern: pattern, list: list, problem: "the pattern is empty")
            }
            do {
                _ = try NSRegularExpression(pattern: pattern, options: options)
            } catch {
                throw BoilerplatePatternError(pattern: pattern, list: list, problem: "not a valid regular expression")
            }
        }
    }

    /// The verdict for each line; empty lines are always kept.
    func verdicts(_ lines: [String]) -> [Verdict] {
        var result = [Verdict](repeating: .keep, count: lines.count)
        guard let regex else { return result }
        // NOTE: Foundation reads a non-ASCII Swift string through slow UTF-16 index
        // translation, so ASCII lines (most of them) are matched in a batch of their own.
        var ascii: [Int] = []
        var other: [Int] = []
        for (index, line) in lines.enumerated() where !line.isEmpty {
            if line.utf8.allSatisfy({ $0 < 0x80 }) { ascii.append(index) } else { other.append(index) }
        }
        for batch in [ascii, other] where !batch.isEmpty {
            match(regex, lines, batch, into: &result)
        }
        return result
    }

    /// Runs the expression once over the lines at `indices`, joined by newlines.
    private func match(_ regex: NSRegularExpression, _ lines: [String], _ indices: [Int],
                       into result: inout [Verdict]) {
        var starts: [Int] = []
        starts.reserveCapacity(indices.count)
        var offset = 0
        for index in indices {
            starts.append(offset)
            offset += lines[index].utf16.count + 1
        }
        let text = indices.map { lines[$0] }.joined(separator: "\n")
        var position = 0
        // Matches come in text order, so one forward walk maps each to its line.
        for match in regex.matches(in: text, range: NSRange(location: 0, length: offset - 1)) {
            let range = match.range
            while position + 1 < starts.count && starts[position + 1] <= range.location {
                position += 1
            }
            let lineLength = (position + 1 < starts.count ? starts[position + 1] : offset) - starts[position] - 1
            guard range.length > 0, range.location == starts[position], range.length == lineLength else { continue }
            result[indices[position]] = match.range(at: 1).location == NSNotFound ? .drop : .cut
        }
    }
}
