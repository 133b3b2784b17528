import Foundation

/// Date formats Trawl uses outside article parsing: ISO-8601 on the wire, compact forms in the index.
public enum WireDate {
    /// `2025-05-15T11:13:00Z`
    public static func format(_ date: Date) -> String {
        let c = CivilTime(utc: date)
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
        let c = CivilTime(utc: date)
        return padded(c.year, 4) + padded(c.month, 2) + padded(c.day, 2) + padded(c.hour, 2) + padded(c.minute, 2)
            + padded(c.second, 2)
    }

    /// `YYYYMMDD`, the calendar day of `date` in a zone `utcOffset` seconds east of UTC: the
    /// value of the date slot and date terms (the day the article was published where it was written).
    public static func localDay(_ date: Date, utcOffset: Int) -> String {
        // The first eight characters of `sortKey`, without formatting the time of day.
        let c = CivilTime(utc: date.addingTimeInterval(Double(utcOffset)))
        return String((padded(c.year, 4) + padded(c.month, 2) + padded(c.day, 2)).prefix(8))
    }

    // Dates are formatted for every hit of every search and parsed back from stored data: plain
    // integer arithmetic (`CivilTime`), as Foundation's Calendar and format strings cost more than
    // the rest of decoding a hit (checked against Calendar in WireDateTests).

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
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        return CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).date
    }

    /// `value` in decimal, zero-padded to `width` digits.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
