import Foundation

/// Reads the dates news pages print: `15 May 2025, 11:13`, `Updated: 15 May 2025, 13:25`,
/// `May 15, 2025`, `Thu, 15 May 2025 11:13:00 +0100`, `2025-05-15` and ISO 8601 with time and zone.
///
/// The whole string must be a date (with an optional `Published:`/`Updated:` label); a date
/// inside a sentence is not one. Out-of-range dates such as `2025-13-45` give nil.
/// Times without a zone are taken as UTC here; `WrittenDate.placed(in:)` reads them in a zone.
public enum NewsDateParser {
    /// The instant `s` names, or nil when `s` is not a date.
    public static func parse(_ s: String) -> Date? {
        parseLabelled(s)?.date.date
    }

    /// The date `s` names, with the zone's offset if it gives one.
    static func read(_ s: String) -> WrittenDate? {
        parseLabelled(s)?.date
    }

    /// Which kind of date a label such as `Updated:` announces.
    enum Label: Equatable {
        case none, published, updated
    }

    /// Longest labels first, so `last updated` wins over `updated`.
    private static let labels: [(text: String, kind: Label)] = [
        ("first published", .published), ("last updated", .updated), ("last modified", .updated),
        ("published", .published), ("posted", .published), ("date", .published),
        ("updated", .updated), ("modified", .updated),
    ]

    /// Parses `s`, reporting the label in front of the date, if any.
    static func parseLabelled(_ s: String) -> (label: Label, date: WrittenDate)? {
        // Real date lines are short; this also bounds the work on junk input.
        guard !s.isEmpty, s.utf8.count <= 100 else { return nil }
        let (label, rest) = splitLabel(s.lowercased()[...])
        guard !rest.isEmpty else { return nil }
        let civil = ISODateReader.read(rest) ?? WordDateReader.read(rest)
        guard let civil, let date = civil.date else { return nil }
        return (label, WrittenDate(date: date, utcOffset: civil.hasZone ? civil.utcOffset : nil))
    }

    private static func splitLabel(_ s: Substring) -> (Label, Substring) {
        let text = s.trimmingBlanks()
        for (label, kind) in labels where text.hasPrefix(label) {
            var rest = text.dropFirst(label.count)
            if let next = rest.first, next.isLetter { continue }   // "dated", "updates"
            rest = rest.trimmingBlanks()
            if rest.hasPrefix(":") { rest = rest.dropFirst().trimmingBlanks() }
            if rest.hasPrefix("on ") || rest.hasPrefix("at ") { rest = rest.dropFirst(3).trimmingBlanks() }
            return (kind, rest)
        }
        return (.none, text)
    }
}

/// A date as an article writes it: the instant (a time without a zone read as UTC) and the
/// offset of the zone the text names, if it names one.
struct WrittenDate: Equatable, Sendable {
    var date: Date
    /// Seconds east of UTC, when the text gave a zone or an offset.
    var utcOffset: Int?

    /// The instant and the offset of the article's own zone: a time without a zone is read as
    /// wall-clock time in `zone` (the offset in force then, summer time included).
    func placed(in zone: TimeZone) -> (date: Date, utcOffset: Int) {
        if let utcOffset { return (date, utcOffset) }
        let guess = date.addingTimeInterval(-Double(zone.secondsFromGMT(for: date)))
        let offset = zone.secondsFromGMT(for: guess)
        return (date.addingTimeInterval(-Double(offset)), offset)
    }
}
