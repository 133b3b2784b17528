import CCalendar
import Foundation

/// A calendar date and wall-clock time as written in an article, before it becomes a `Date`.
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    var fraction = 0.0
    /// Seconds east of UTC; UTC when the text gives no zone.
    var utcOffset = 0
    /// Whether the text named a zone or an offset (else `utcOffset` is a default).
    var hasZone = false

    /// The instant, or nil when a field is out of range (`2025-13-45`, `25:00`, 30 February).
    var date: Date? {
        guard (1...9999).contains(year), CivilTime.isRealDay(year: year, month: month, day: day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              abs(utcOffset) <= 18 * 3600
        else { return nil }
        let days = CivilTime.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - utcOffset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Whether the month is 1 to 12 and the day is in it (no 30 February). The calendar is the
    /// one rule (`trawl_days_in_month`, CCalendar), which also checks `date:` in queries.
    static func isRealDay(year: Int, month: Int, day: Int) -> Bool {
        day >= 1 && day <= Int(trawl_days_in_month(Int32(clamping: year), Int32(clamping: month)))
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (the one rule: CCalendar).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        Int(trawl_days_from_civil(Int64(year), Int32(clamping: month), Int32(clamping: day)))
    }
}

extension CivilTime {
    /// The calendar date and time of `date` in UTC, seconds rounded down.
    init(utc date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        var year: Int64 = 0
        var month: Int32 = 0
        var day: Int32 = 0
        trawl_civil_from_days(Int64(days), &year, &month, &day)
        self.init(
            year: Int(year), month: Int(month), day: Int(day), hour: secondOfDay / 3600,
            minute: secondOfDay % 3600 / 60, second: secondOfDay % 60)
    }
}

/// Names of months, weekdays and time zones as they appear in English-language news.
enum DateWords {
    static func month(_ word: Substring) -> Int? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard word.count >= 3, let index = months.firstIndex(of: String(word.prefix(3))) else { return nil }
        let full = ["january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december"][index]
        // Accept "sep", "sept" and the full name, not "mayday".
        return word.count == 3 || full == word || (index == 8 && word == "sept") ? index + 1 : nil
    }

    static func isWeekday(_ word: Substring) -> Bool {
        let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return days.contains { $0 == word || ($0.hasPrefix(word) && word.count >= 3 && word.count <= 4) }
    }

    /// US zones written without their season (`ET` is EST in winter, EDT in summer).
    static func seasonalZone(_ word: Substring) -> TimeZone? {
        let identifier: String
        switch word {
        case "et": identifier = "America/New_York"
        case "ct": identifier = "America/Chicago"
        case "mt": identifier = "America/Denver"
        case "pt": identifier = "America/Los_Angeles"
        default: return nil
        }
        return TimeZone(identifier: identifier)
    }

    /// Offset east of UTC in seconds for a zone abbreviation.
    static func zoneOffset(_ word: Substring) -> Int? {
        let hours: Int
        switch word {
        case "z", "utc", "gmt", "ut": hours = 0
        case "bst", "cet": hours = 1
        case "cest", "eet", "sast": hours = 2
        case "eest", "msk": hours = 3
        case "est", "cdt": hours = -5
        case "edt": hours = -4
        case "cst", "mdt": hours = -6
        case "mst", "pdt": hours = -7
        case "pst": hours = -8
        case "jst", "kst": hours = 9
        case "aest": hours = 10
        case "aedt": hours = 11
        default: return nil
        }
        return hours * 3600
    }
}
