import Testing
import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// Per-day counts grouped into intervals: in date order, every interval from the first to the
/// last, weeks from Monday (ISO 8601), months and years by the calendar.
@Suite(.ownThreads) struct HistogramBucketsTests {
    func buckets(_ days: [(String, Int)], _ interval: Interval) throws -> [String] {
        try Histogram.buckets(days: days.map { (day: $0.0, count: $0.1) }, interval: interval).map { "\($0.start)=\($0.count)" }
    }

    @Test func daysInOrderWithTheEmptyOnesBetween() throws {
        #expect(try buckets([("20250301", 2), ("20250227", 1)], .day) == ["2025-02-27=1", "2025-02-28=0", "2025-03-01=2"])
        #expect(try buckets([("20240228", 1), ("20240301", 1)], .day) == ["2024-02-28=1", "2024-02-29=0", "2024-03-01=1"])
        #expect(try buckets([], .day).isEmpty)
        #expect(try buckets([("2025", 3), ("garbage", 1)], .day).isEmpty, "values that are not days are skipped")
    }

    @Test func weeksStartOnMonday() throws {
        // 2025-01-01 is a Wednesday: its week starts on Monday 2024-12-30.
        #expect(try buckets([("20250101", 1), ("20250105", 2), ("20250106", 1)], .week) == ["2024-12-30=3", "2025-01-06=1"])
        #expect(try buckets([("20250512", 1), ("20250527", 1)], .week) == ["2025-05-12=1", "2025-05-19=0", "2025-05-26=1"])
    }

    @Test func monthsAndYears() throws {
        #expect(try buckets([("20241130", 1), ("20250131", 2), ("20250101", 1)], .month) == [
            "2024-11-01=1", "2024-12-01=0", "2025-01-01=3",
        ])
        #expect(try buckets([("20220615", 1), ("20241231", 1)], .year) == ["2022-01-01=1", "2023-01-01=0", "2024-01-01=1"])
    }

    /// A placeholder date (0001-01-01, 9999-12-31) asked for 3.6 million day buckets: a 120 MB
    /// answer that `trawl histogram` never finished drawing. Past `maximumBuckets` the answer is an
    /// error naming the dates and what to ask instead; a longer interval still counts them.
    @Test func aSpanOfMoreThanTheMaximumIntervalsIsRefusedWithWhatToDo() throws {
        let days = [("00010101", 1), ("20261130", 5), ("99991231", 1)]
        for interval in [Interval.day, .week, .month] {
            #expect {
                try buckets(days, interval)
            } throws: { error in
                let message = String(describing: error)
                return message.contains("0001-01-01") && message.contains("9999-12-31") && message.contains("longer interval")
                    && message.contains("date:2000..2025")
            }
        }
        let years = try buckets(days, .year)
        #expect(years.count == 9999 && years.first == "0001-01-01=1" && years.last == "9999-01-01=1" && years.contains("2026-01-01=5"))
        // Exactly the maximum is answered.
        let lastDay = try #require(CalendarDay(compact: "20000101")?.adding(days: Histogram.maximumBuckets - 1))
        #expect(try buckets([("20000101", 1), (String(lastDay.wire.filter { $0 != "-" }), 1)], .day).count == Histogram.maximumBuckets)
    }
}
