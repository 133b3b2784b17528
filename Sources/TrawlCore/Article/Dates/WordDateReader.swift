import Foundation

/// Reads dates written with a month name: `15 May 2025, 11:13`, `May 15, 2025 at 11:13 am EDT`,
/// `Thu, 15 May 2025 11:13:00 +0000`, `15th May 2025`, `Thu 3 Apr 2025 08.12 BST`,
/// `14:05 GMT, Monday 3 March 2025`, `April 3, 2025 8:12 AM ET`, `9 April 2025, 10.30pm EDT` (lower-cased input).
///
/// Every word must be part of the date, so a sentence that mentions a date does not parse.
enum WordDateReader {
    static func read(_ text: Substring) -> CivilTime? {
        var fields = Fields()
        for token in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
            guard fields.absorb(token) else { return nil }
        }
        return fields.civilTime
    }

    private struct Fields {
        var year: Int?
        var month: Int?
        var day: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var meridiem: Int?   // 0 for am, 12 for pm
        var offset: Int?
        /// A zone named without its season (`ET`): its offset depends on the date.
        var zone: TimeZone?

        var civilTime: CivilTime? {
            guard let year, let month, let day else { return nil }
            var civil = CivilTime(year: year, month: month, day: day)
            if let time {
                civil.hour = time.hour
                civil.minute = time.minute
                civil.second = time.second
                if let meridiem {
                    guard (1...12).contains(time.hour) else { return nil }
                    civil.hour = time.hour % 12 + meridiem
                }
            } else if meridiem != nil || offset != nil || zone != nil {
                return nil
            }
            if let zone {
                civil.utcOffset = 0
                guard let wallClock = civil.date else { return nil }
                // The offset in force at that wall-clock time, summer time included (WrittenDate's rule).
                civil.utcOffset = WrittenDate(date: wallClock, utcOffset: nil).placed(in: zone).utcOffset
            } else {
                civil.utcOffset = offset ?? 0
            }
            civil.hasZone = offset != nil || zone != nil
            return civil
        }

        /// Records what `token` says; false when it is not part of a date or repeats a field.
        mutating func absorb(_ raw: Substring) -> Bool {
            var token = raw
            while token.hasSuffix(".") { token = token.dropLast() }           // "Jan.", "2025."
            if Self.isDottedTime(token) { return absorbTime(Substring(token.replacingOccurrences(of: ".", with: ":"))) }
            if token.contains("." as Character) && token.contains(where: \.isLetter) {    // "a.m"
                token = Substring(token.filter { $0 != "." })
            }
            if ["at", "on", "-", "\u{2013}", "\u{2014}", "\u{00B7}"].contains(token) { return true }
            if DateWords.isWeekday(token) { return true }
            if let value = DateWords.month(token) { return Self.set(&month, value) }
            if token == "am" || token == "pm" { return Self.set(&meridiem, token == "am" ? 0 : 12) }
            if let value = UTCOffset.parse(token) { return zone == nil && Self.set(&offset, value) }
            if let named = DateWords.seasonalZone(token) {
                guard zone == nil, offset == nil else { return false }
                zone = named
                return true
            }
            if token.contains(":" as Character) { return absorbTime(token) }
            return absorbNumber(token)
        }

        private mutating func absorbNumber(_ token: Substring) -> Bool {
            var digits = token
            for suffix in ["st", "nd", "rd", "th"] where token.hasSuffix(suffix) {
                digits = token.dropLast(2)
            }
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(digits)
            else { return false }
            if digits.count == 4 && digits.count == token.count { return Self.set(&year, value) }
            return digits.count <= 2 && Self.set(&day, value)
        }

        /// `11:13`, `11:13:05`, `11:13:05.250`, `11:13am`.
        private mutating func absorbTime(_ token: Substring) -> Bool {
            var clock = token
            for suffix in ["am", "pm"] where clock.hasSuffix(suffix) {
                guard Self.set(&meridiem, suffix == "am" ? 0 : 12) else { return false }
                clock = clock.dropLast(2)
            }
            let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard time == nil, (2...3).contains(parts.count) else { return false }
            var values: [Int] = []
            for (index, part) in parts.enumerated() {
                let whole = index == 2 ? part.prefix(while: { $0 != "." }) : part
                guard (1...2).contains(whole.count), whole.allSatisfy({ $0.isASCII && $0.isNumber }),
                      let value = Int(whole)
                else { return false }
                values.append(value)
            }
            time = (values[0], values[1], values.count > 2 ? values[2] : 0)
            return true
        }

        /// `08.12`, `10.30pm`: British papers print times with a dot.
        private static func isDottedTime(_ token: Substring) -> Bool {
            let clock = token.hasSuffix("am") || token.hasSuffix("pm") ? token.dropLast(2) : token
            let parts = clock.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 2 && (1...2).contains(parts[0].count) && parts[1].count == 2
                && clock.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) }
        }

        private static func set(_ field: inout Int?, _ value: Int) -> Bool {
            guard field == nil else { return false }
            field = value
            return true
        }
    }
}
