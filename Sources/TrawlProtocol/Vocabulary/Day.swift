import CCalendar

/// Calendar days on the wire (`YYYY-MM-DD`) and in the index (`YYYYMMDD`).
public enum Day {
    /// Parses a real calendar day `YYYY-MM-DD` (as in `since`/`until`), rejecting impossible
    /// dates (`2025-02-29`); returns the compact `YYYYMMDD` form the index uses.
    public static func compact(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            day >= 1, day <= Int(trawl_days_in_month(Int32(year), Int32(month)))
        else { return nil }
        return String(parts[0]) + parts[1] + parts[2]
    }

    /// `YYYY-MM-DD` for a compact `YYYYMMDD` day (anything else is passed through).
    public static func wire(_ compact: String) -> String {
        // Eight ASCII digits, the day of every hit of every search: on bytes, as Characters cost more.
        if compact.utf8.count == 8, compact.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return String(unsafeUninitializedCapacity: 10) { out in
                var written = 0
                for (index, digit) in compact.utf8.enumerated() {
                    if index == 4 || index == 6 {
                        out[written] = UInt8(ascii: "-")
                        written += 1
                    }
                    out[written] = digit
                    written += 1
                }
                return written
            }
        }
        let digits = Array(compact)
        guard digits.count == 8 else { return compact }
        return String(digits[0..<4]) + "-" + String(digits[4..<6]) + "-" + String(digits[6..<8])
    }
}
