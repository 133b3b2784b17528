import Foundation

/// Date formats Trawl uses outside article parsing: ISO-8601 on the wire, compact forms in the index.
public enum WireDate {
    private static let utc = TimeZone(identifier: "UTC")!

    /// `2025-05-15T11:13:00Z`
    public static func format(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// Parses the wire form written by `format` (and offsets like `+01:00`).
    public static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    /// `YYYYMMDDhhmmss`, the sortable value stored in the timestamp slot.
    public static func sortKey(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d%02d%02d%02d%02d%02d", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// Parses a calendar day `YYYY-MM-DD` (as in `since`/`until`), rejecting impossible dates.
    /// Returns the compact `YYYYMMDD` form used by the date slot.
    public static func compactDay(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return String(format: "%04d%02d%02d", year, month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func components(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
