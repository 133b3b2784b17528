import Testing
import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// Per-day counts grouped into intervals: in date order, every interval from the first to the
/// last, weeks from Monday (ISO 8601), months and years by the calendar.
@Suite(.ownThreads) struct HistogramBucketsTests {
    func buckets(_ days: [(String, Int)], _ interval: Interval) -> [String] {
        Histogram.buckets(days: days.map { (day: $0.0, count: $0.1) }, interval: interval).map { "\($0.start)=\($0.count)" }
    }

    @Test func daysInOrderWithTheEmptyOnesBetween() {
        #expect(buckets([("20250301", 2), ("20250227", 1)], .day) == ["2025-02-27=1", "2025-02-28=0", "2025-03-01=2"])
        #expect(buckets([("20240228", 1), ("20240301", 1)], .day) == ["2024-02-28=1", "2024-02-29=0", "2024-03-01=1"])
        #expect(buckets([], .day).isEmpty)
        #expect(buckets([("2025", 3), ("garbage", 1)], .day).isEmpty, "values that are not days are skipped")
    }

    @Test func weeksStartOnMonday() {
        // 2025-01-01 is a Wednesday: its week starts on Monday 2024-12-30.
        #expect(buckets([("20250101", 1), ("20250105", 2), ("20250106", 1)], .week) == ["2024-12-30=3", "2025-01-06=1"])
        #expect(buckets([("20250512", 1), ("20250527", 1)], .week) == ["2025-05-12=1", "2025-05-19=0", "2025-05-26=1"])
    }

    @Test func monthsAndYears() {
        #expect(buckets([("20241130", 1), ("20250131", 2), ("20250101", 1)], .month) == [
            "2024-11-01=1", "2024-12-01=0", "2025-01-01=3",
        ])
        #expect(buckets([("20220615", 1), ("20241231", 1)], .year) == ["2022-01-01=1", "2023-01-01=0", "2024-01-01=1"])
    }
}
