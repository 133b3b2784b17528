import TrawlProtocol

/// `date:` values with relative days (`date:-7d..`, `date:yesterday`, `date:-1m..-1w`) made
/// absolute (`date:2026-11-23..`) before the query is parsed, so that the shim's `date:` handling
/// stays the one for absolute days and `RelativeDay` the one rule for relative ones. Values inside
/// quoted phrases and values that are not relative are left as written (the shim judges them).
enum RelativeDateTerms {
    static let prefix = "date:"

    static func resolve(_ query: String, today: CalendarDay) -> String {
        guard query.lowercased().contains(prefix) else { return query }
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
