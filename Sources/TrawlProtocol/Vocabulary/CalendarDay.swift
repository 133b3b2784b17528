import CCalendar

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A day of the proleptic Gregorian calendar, for arithmetic on days: relative dates
/// (`RelativeDay`) and histogram intervals. The counting is CCalendar's, the one calendar rule.
public struct CalendarDay: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the day is not in the month (`2025-02-29`).
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), day >= 1, day <= Int(trawl_days_in_month(Int32(year), Int32(clamping: month)))
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        var year: Int64 = 0
        var month: Int32 = 0
        var day: Int32 = 0
        trawl_civil_from_days(Int64(days), &year, &month, &day)
        self.year = Int(year)
        self.month = Int(month)
        self.day = Int(day)
    }

    /// A compact `YYYYMMDD` day (as the index stores it); nil for anything else.
    public init?(compact text: String) {
        let digits = Array(text.utf8)
        guard digits.count == 8, digits.allSatisfy({ (0x30...0x39).contains($0) }),
            let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)), let day = Int(text.suffix(2))
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Today in UTC by this machine's clock.
    public static func today() -> CalendarDay {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let seconds = Int(now.tv_sec)
        return CalendarDay(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    public var daysSinceEpoch: Int {
        Int(trawl_days_from_civil(Int64(year), Int32(month), Int32(day)))
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day of the month `months` months on; a day the target month lacks becomes its
    /// last day (31 March - 1 month = 28 or 29 February).
    public func adding(months: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + months
        let (newYear, newMonth) = (index / 12, index % 12 + 1)
        let last = Int(trawl_days_in_month(Int32(clamping: newYear), Int32(newMonth)))
        return CalendarDay(unchecked: newYear, newMonth, min(day, last))
    }

    /// 1 = Monday ... 7 = Sunday (ISO 8601); 1970-01-01 was a Thursday.
    public var isoWeekday: Int {
        let days = daysSinceEpoch
        return ((days % 7 + 7) % 7 + 3) % 7 + 1
    }

    /// `YYYYMMDD`.
    public var compact: String { Self.digits(year, 4) + Self.digits(month, 2) + Self.digits(day, 2) }

    /// `YYYY-MM-DD`.
    public var wire: String { Self.digits(year, 4) + "-" + Self.digits(month, 2) + "-" + Self.digits(day, 2) }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
