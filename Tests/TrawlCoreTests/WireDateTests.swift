import Foundation
import Testing
import TrawlProtocol

@testable import TrawlCore
import TrawlTestSupport

/// `WireDate` does its own calendar arithmetic (for speed): it must agree with Foundation's.
@Suite(.ownThreads) struct WireDateTests {
    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Foundation's rendering of `date`, the way `format` used to make it.
    static func foundationFormat(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    @Test func formatAndParseAgreeWithFoundationFrom1600To2400() throws {
        var random = SystemRandomNumberGenerator()
        let first = -11_676_096_000.0, last = 13_569_465_600.0  // 1600-01-01 .. 2400-01-01
        var samples = (0..<20_000).map { _ in Double.random(in: first..<last, using: &random).rounded(.down) }
        samples += [0, -1, 86_399, 86_400, 951_782_400, 951_868_800, 4_107_542_400]  // 1970, 2000-02-29/03-01, 2100-03-01
        for seconds in samples {
            let date = Date(timeIntervalSince1970: seconds)
            let text = WireDate.format(date)
            #expect(text == Self.foundationFormat(date), "\(seconds)")
            #expect(WireDate.parse(text) == date, "\(text)")
            #expect(try Date(text, strategy: .iso8601) == date, "\(text)")
        }
    }

    @Test func fractionalSecondsRoundDown() {
        #expect(WireDate.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(WireDate.format(Date(timeIntervalSince1970: 1_747_307_580.9)) == "2025-05-15T11:13:00Z")
        #expect(WireDate.sortKey(Date(timeIntervalSince1970: 1_747_307_580)) == "20250515111300")
    }

    /// A hit's `day`: `localDay` is the day part of `sortKey` in the article's zone, and `Day.wire`
    /// dashes eight digits and passes anything else through (both have a fast path per hit).
    @Test func localDayIsTheSortKeysDayAndWireDashesIt() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: -11_676_096_000.0..<13_569_465_600.0, using: &random))
            let offset = Int.random(in: -18 * 3600...18 * 3600, using: &random)
            let day = WireDate.localDay(date, utcOffset: offset)
            #expect(day == String(WireDate.sortKey(date.addingTimeInterval(Double(offset))).prefix(8)))
            #expect(Day.wire(day) == "\(day.prefix(4))-\(day.dropFirst(4).prefix(2))-\(day.suffix(2))")
        }
        #expect(WireDate.localDay(Date(timeIntervalSince1970: 253_402_300_799), utcOffset: 3600) == "10000010")  // 9999-12-31T23:59:59Z, +1 h: year 10000
        #expect(Day.wire("20250515") == "2025-05-15")
        for other in ["2025051", "202505150", "2025-05-15", "", "2025O515", "2025051\u{E9}", "abcdefgh"] {
            #expect(Day.wire(other) == (other.count == 8 ? "\(other.prefix(4))-\(other.dropFirst(4).prefix(2))-\(other.suffix(2))" : other))
        }
    }

    @Test func parseRejectsImpossibleCanonicalDatesAndAcceptsOffsets() {
        #expect(WireDate.parse("2025-02-29T00:00:00Z") == nil)
        #expect(WireDate.parse("2025-13-01T00:00:00Z") == nil)
        #expect(WireDate.parse("2025-05-15T24:00:00Z") == nil)
        #expect(WireDate.parse("2024-02-29T00:00:00Z") != nil)
        #expect(WireDate.parse("2025-05-15T12:13:00+01:00") == Date(timeIntervalSince1970: 1_747_307_580))
        #expect(Day.compact("2024-02-29") == "20240229" && Day.compact("2023-02-29") == nil)
    }

    /// One calendar (`trawl_days_in_month`, CCalendar): a day `since`/`until` accept is one the
    /// query language's `date:` accepts, and the other way round.
    @Test func wireDaysAndQueryDatesShareOneCalendar() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        let reader = try fixture.reader()
        let days = ["2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "2025-02-28", "2025-04-31", "2025-04-30",
                    "2025-12-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32"]
        for day in days {
            var accepted = true
            do throws(TrawlError) {
                _ = try reader.search(SearchQuery(text: "date:\(day)"))
            } catch .badQuery {
                accepted = false
            }
            #expect(accepted == (Day.compact(day) != nil), "\(day)")
        }
        #expect(Day.compact("2000-02-29") != nil && Day.compact("1900-02-29") == nil)
    }
}
