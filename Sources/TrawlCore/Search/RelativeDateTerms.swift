import TrawlProtocol

/// `date:` values with relative days (`date:-7d..`, `date:yesterday`, `date:-1m..-1w`) made
/// absolute (`date:2026-11-23..`) before the query is parsed, so that the shim's `date:` handling
/// stays the one for absolute days and `RelativeDay` the one rule for relative ones. Values inside
/// quoted phrases and values that are not relative are left as written (the shim judges them).
enum RelativeDateTerms {
    static let prefix = "date:"

    static func resolve(_ query: String, today: CalendarDay) -> String {
        guard mayHoldPrefix(query) else { return query }
        var output = ""
        var inPhrase = false
        var rest = Substring(query)
        while let first = rest.first {
            if first == "\"" { inPhrase.toggle() }
            if !inPhrase, startsTerm(rest, in: query), rest.prefix(prefix.count).lowercased() == prefix {
                let value = rest.dropFirst(prefix.count).prefix { !$0.isWhitespace && $0 != ")" }
                output += String(rest.prefix(prefix.count)) + absolute(value, today: today)
                rest = rest.dropFirst(prefix.count + value.count)
                continue
            }
            output.append(first)
            rest = rest.dropFirst()
        }
        return output
    }

    /// Whether `date:` may be in `query`, ASCII letters of any case: a guard that spares most
    /// queries the walk above. On bytes, as Foundation's `contains` costs more than the rest of
    /// planning a search; a false alarm (another byte folding to the same) is harmless, the walk decides.
    private static func mayHoldPrefix(_ query: String) -> Bool {
        let pattern = Array(prefix.utf8)
        var query = query
        return query.withUTF8 { bytes in
            guard bytes.count >= pattern.count else { return false }
            return (0...(bytes.count - pattern.count)).contains { start in
                pattern.indices.allSatisfy { bytes[start + $0] | 0x20 == pattern[$0] }
            }
        }
    }

    /// `date:` begins a term at the start, after a space, `(`, `+` or `-`.
    private static func startsTerm(_ rest: Substring, in query: String) -> Bool {
        guard rest.startIndex > query.startIndex else { return true }
        let previous = query[query.index(before: rest.startIndex)]
        return previous.isWhitespace || "(+-".contains(previous)
    }

    /// One value or an `A..B` range with its relative ends made `YYYY-MM-DD`.
    private static func absolute(_ value: Substring, today: CalendarDay) -> String {
        func end(_ text: Substring) -> String {
            RelativeDay.resolve(String(text), today: today)?.wire ?? String(text)
        }
        guard let dots = value.firstRange(of: "..") else { return end(value) }
        return end(value[..<dots.lowerBound]) + ".." + end(value[dots.upperBound...])
    }
}
