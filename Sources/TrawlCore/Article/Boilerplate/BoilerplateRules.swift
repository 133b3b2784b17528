/// Which lines of a page are furniture rather than article text.
///
/// The patterns are data (see `defaultDropLines` and `defaultCutFrom`): case-insensitive regular
/// expressions that must match a whole trimmed line in its normalised form. Both lists are compiled once into
/// a single regular expression, so applying the rules costs one regex pass per article.
public struct BoilerplateRules: Sendable {
    /// The built-in rules.
    public static let defaults: BoilerplateRules = {
        do {
            return try BoilerplateRules(dropLines: [], cutFrom: [])
        } catch {
            preconditionFailure("a built-in boilerplate pattern does not compile: \(error)")
        }
    }()

    private let matcher: BoilerplateMatcher

    /// The defaults (unless `includingDefaults` is false) plus the user's patterns from the configuration.
    ///
    /// - Parameters:
    ///   - dropLines: lines to remove wherever they appear.
    ///   - cutFrom: lines that start a trailing block; the first match and everything after it is removed.
    /// - Throws: `BoilerplatePatternError` naming the first pattern that is not a valid regular expression.
    public init(dropLines: [String], cutFrom: [String], includingDefaults: Bool = true)
        throws(BoilerplatePatternError)
    {
        let drop = includingDefaults ? Self.defaultDropLines + dropLines : dropLines
        let cut = includingDefaults ? Self.defaultCutFrom + cutFrom : cutFrom
        matcher = try BoilerplateMatcher(drop: drop, cut: cut)
    }

    /// Removes boilerplate from trimmed lines; blank lines are kept for paragraph layout.
    ///
    /// A cut line that is the page's first real line starts no trailing block: only that line goes.
    func apply(to lines: [String]) -> [String] {
        // Patterns are written for normalised text (`'`, not `’`); the kept lines stay as written.
        let verdicts = matcher.verdicts(lines.map { $0.utf8.allSatisfy { $0 < 0x80 } ? $0 : TextNormalizer.normalize($0) })
        let firstReal = lines.firstIndex { !$0.isEmpty } ?? 0
        let end = verdicts.indices.first { $0 > firstReal && verdicts[$0] == .cut } ?? lines.count
        var kept: [String] = []
        kept.reserveCapacity(end)
        for index in 0..<end where verdicts[index] == .keep {
            kept.append(lines[index])
        }
        return Self.removingRepeatedCaptions(kept)
    }

    /// Photo captions are often printed twice, the second time with a credit
    /// (`… Thursday` then `… Thursday. Picture: Alamy`); keep only the later, longer line.
    static func removingRepeatedCaptions(_ lines: [String]) -> [String] {
        var kept: [String] = []
        kept.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            let repeated = !line.isEmpty && next.utf8.count > line.utf8.count && next.hasPrefix(line)
            if !repeated { kept.append(line) }
        }
        return kept
    }
}
