/// Days relative to today, wherever a day is taken (`since`/`until`, `date:` in queries, the
/// CLI's `--since`): the one rule (PROTOCOL.md, "Relative days", as implemented in the README).
///
/// - `today`, `yesterday`: today (UTC) and the day before.
/// - `-Nd`, `-Nw`: N days, N×7 days before today.
/// - `-Nm`: the same day of the month N calendar months before today; a day that month lacks
///   becomes its last day (on 31 March, `-1m` is 28 February, or 29 in a leap year).
/// - `-Ny`: `-12Nm` (on 29 February 2028, `-1y` is 28 February 2027).
///
/// N is 1 to 5 digits; any case (`Yesterday`, `-1M`), as `date:` itself. "Today" is the caller's:
/// the daemon's clock in UTC.
public enum RelativeDay {
    /// The forms, for messages that say what to write.
    public static let forms = "-7d, -2w, -3m, -1y, today or yesterday"

    /// The day `text` names relative to `today`; nil when `text` is not a relative form or the
    /// day would fall before the year 1.
    public static func resolve(_ typed: String, today: CalendarDay) -> CalendarDay? {
        let text = typed.lowercased()
        switch text {
        case "today": return today
        case "yesterday": return today.adding(days: -1)
        default: break
        }
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes.count <= 7, bytes.first == UInt8(ascii: "-"),
            let unit = bytes.last, bytes.dropFirst().dropLast().allSatisfy({ (0x30...0x39).contains($0) }),
            let count = Int(text.dropFirst().dropLast())
        else { return nil }
        let day: CalendarDay
        switch unit {
        case UInt8(ascii: "d"): day = today.adding(days: -count)
        case UInt8(ascii: "w"): day = today.adding(days: -7 * count)
        case UInt8(ascii: "m"): day = today.adding(months: -count)
        case UInt8(ascii: "y"): day = today.adding(months: -12 * count)
        default: return nil
        }
        return day.year >= 1 ? day : nil
    }

    /// An absolute `YYYY-MM-DD` day or a relative one, as `since` and `until` take them.
    public static func day(_ text: String, today: CalendarDay) -> CalendarDay? {
        if let compact = Day.compact(text) { return CalendarDay(compact: compact) }
        return resolve(text, today: today)
    }
}
