import Foundation

/// Date formats Trawl uses outside article parsing: ISO-8601 on the wire, compact forms in the index.
public enum WireDate {
    /// `2025-05-15T11:13:00Z`
    public static func format(_ date: Date) -> String {
        let c = components(date)
        return padded(c.year, 4) + "-" + padded(c.month, 2) + "-" + padded(c.day, 2) + "T" + padded(c.hour, 2) + ":"
            + padded(c.minute, 2) + ":" + padded(c.second, 2) + "Z"
    }

    /// Parses the wire form written by `format` (and offsets like `+01:00`); impossible dates
    /// (`2025-02-29`, `24:00`) are nil, not rolled over.
    public static func parse(_ text: String) -> Date? {
        var utf8 = text
        if let date = utf8.withUTF8({ hasWireShape($0) ? .some(wireDate($0)) : nil }) { return date }
        return try? Date(text, strategy: .iso8601)
    }

    /// `YYYYMMDDhhmmss`, the sortable value stored in the timestamp slot.
    public static func sortKey(_ date: Date) -> String {
        let c = components(date)
        return padded(c.year, 4) + padded(c.month, 2) + padded(c.day, 2) + padded(c.hour, 2) + padded(c.minute, 2)
            + padded(c.second, 2)
    }

    /// Parses a calendar day `YYYY-MM-DD` (as in `since`/`until`), rejecting impossible dates.
    /// Returns the compact `YYYYMMDD` form used by the date slot.
    public static func compactDay(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return padded(year, 4) + padded(month, 2) + padded(day, 2)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Dates are formatted for every hit of every search and parsed back from stored data: plain
    // integer arithmetic here, as Foundation's Calendar and format strings cost more than the rest
    // of decoding a hit. Days <-> civil dates: the proleptic Gregorian algorithms of
    // https://howardhinnant.github.io/date_algorithms.html (checked against Calendar in the tests).

    private static func components(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // March = 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Exactly `YYYY-MM-DDThh:mm:ssZ` in shape (what `format` writes).
    private static func hasWireShape(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count == 20 && b[4] == 0x2D && b[7] == 0x2D && b[10] == 0x54 && b[13] == 0x3A && b[16] == 0x3A
            && b[19] == 0x5A
    }

    /// The date of text in the wire shape; nil when it is not a real date and time.
    private static func wireDate(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        func number(_ range: Range<Int>) -> Int? {  // nil: not all digits
            var value = 0
            for index in range {
                guard (0x30...0x39).contains(b[index]) else { return nil }
                value = value * 10 + Int(b[index] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 60
        else { return nil }
        let seconds = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `value` in decimal, zero-padded to `width` digits.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
