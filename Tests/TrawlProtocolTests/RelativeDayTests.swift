import Testing
import TrawlProtocol
import TrawlTestSupport

/// Relative days (`RelativeDay`, the one rule): counted from an injected today, in calendar
/// days, weeks, months (clamped to the month's last day) and years.
@Suite(.ownThreads) struct RelativeDayTests {
    func day(_ text: String) -> CalendarDay {
        guard let compact = Day.compact(text), let day = CalendarDay(compact: compact) else { fatalError("bad test day \(text)") }
        return day
    }

    func resolve(_ text: String, today: String) -> String? {
        RelativeDay.resolve(text, today: day(today))?.wire
    }

    @Test func daysAndWeeks() {
        #expect(resolve("today", today: "2025-05-15") == "2025-05-15")
        #expect(resolve("yesterday", today: "2025-05-15") == "2025-05-14")
        #expect(resolve("-0d", today: "2025-05-15") == "2025-05-15")
        #expect(resolve("-7d", today: "2025-05-15") == "2025-05-08")
        #expect(resolve("-2w", today: "2025-05-15") == "2025-05-01")
        // Across a year boundary and a leap day.
        #expect(resolve("yesterday", today: "2025-01-01") == "2024-12-31")
        #expect(resolve("-1d", today: "2024-03-01") == "2024-02-29")
        #expect(resolve("-1d", today: "2023-03-01") == "2023-02-28")
        #expect(resolve("-366d", today: "2025-01-01") == "2024-01-01")
    }

    @Test func monthsAreCalendarMonthsClampedToTheMonthsLastDay() {
        #expect(resolve("-1m", today: "2025-05-15") == "2025-04-15")
        #expect(resolve("-3m", today: "2025-02-10") == "2024-11-10")
        #expect(resolve("-1m", today: "2025-03-31") == "2025-02-28")
        #expect(resolve("-1m", today: "2024-03-31") == "2024-02-29")
        #expect(resolve("-1m", today: "2025-05-31") == "2025-04-30")
        #expect(resolve("-12m", today: "2025-01-31") == "2024-01-31")
        #expect(resolve("-13m", today: "2025-01-31") == "2023-12-31")
    }

    @Test func yearsAreTwelveMonths() {
        #expect(resolve("-1y", today: "2025-05-15") == "2024-05-15")
        #expect(resolve("-1y", today: "2024-02-29") == "2023-02-28")
        #expect(resolve("-4y", today: "2024-02-29") == "2020-02-29")
    }

    @Test func otherFormsAreNotRelative() {
        for text in ["", "-", "-d", "7d", "+7d", "-7", "-7x", "-1.5d", "- 7d", "tomorrow", "-123456d", "2025-05-15"] {
            #expect(resolve(text, today: "2025-05-15") == nil, "\(text)")
        }
        #expect(resolve("-2026y", today: "2025-05-15") == nil, "before the year 1")
    }

    /// Any case, as `date:` itself and the other fields: `Yesterday` was refused by a message that
    /// listed `yesterday` among the forms to write.
    @Test func anyCase() {
        #expect(resolve("Today", today: "2025-05-15") == "2025-05-15")
        #expect(resolve("YESTERDAY", today: "2025-05-15") == "2025-05-14")
        #expect(resolve("-1M", today: "2025-05-31") == "2025-04-30")
        #expect(resolve("-2W", today: "2025-05-15") == "2025-05-01")
    }

    @Test func sinceAndUntilTakeBothForms() throws {
        var filters = SearchFilters(q: "x")
        filters.since = "-1m"
        filters.until = "2025-04-20"
        let days = try filters.days(today: day("2025-05-31"))
        #expect(days.since?.wire == "2025-04-30" && days.until?.wire == "2025-04-20")
        filters.since = "soon"
        #expect(throws: ProtocolError.self) { try filters.days(today: day("2025-05-31")) }
    }

    @Test func calendarArithmetic() {
        #expect(day("1970-01-01").daysSinceEpoch == 0)
        #expect(CalendarDay(daysSinceEpoch: -1).wire == "1969-12-31")
        #expect(day("2025-05-12").isoWeekday == 1 && day("2025-05-18").isoWeekday == 7)
        #expect(day("1970-01-01").isoWeekday == 4 && day("1969-12-29").isoWeekday == 1)
        #expect(CalendarDay(year: 2025, month: 2, day: 29) == nil)
    }
}
