import TrawlProtocol

/// Per-day counts grouped into a histogram's intervals.
public enum Histogram {
    /// The most intervals a histogram holds: 136 years of days. One placeholder date (0001-01-01,
    /// 9999-12-31, as some feeds write for "unknown") would otherwise ask for 3.6 million day
    /// buckets (120 MB of JSON, seconds of a worker, a terminal that never finishes drawing).
    public static let maximumBuckets = 50_000

    /// Buckets from the first counted day's interval to the last's, in date order, every interval
    /// between them included (count 0 when empty). `days` are `YYYYMMDD` values; others are skipped.
    /// `queryTooBroad` (`bad_query` on the wire) when they would be more than `maximumBuckets`,
    /// saying how to ask for fewer.
    public static func buckets(days: [(day: String, count: Int)], interval: Interval) throws(TrawlError)
        -> [HistogramBucket]
    {
        var counts: [CalendarDay: Int] = [:]
        var firstDay: CalendarDay?, lastDay: CalendarDay?
        for (text, count) in days {
            guard let day = CalendarDay(compact: text) else { continue }
            counts[interval.start(of: day), default: 0] += count
            firstDay = min(firstDay ?? day, day)
            lastDay = max(lastDay ?? day, day)
        }
        guard let first = counts.keys.min(), let last = counts.keys.max(), let firstDay, let lastDay else { return [] }
        var buckets: [HistogramBucket] = []
        var start = first
        while start <= last {
            guard buckets.count < maximumBuckets else {
                throw .queryTooBroad(
                    detail: "the matching articles run from \(firstDay.wire) to \(lastDay.wire): more than \(maximumBuckets) "
                        + "\(interval.rawValue)s; count by a longer interval (year) or give both ends of a date range (e.g. date:2000..2025)")
            }
            buckets.append(HistogramBucket(start: start.wire, count: counts[start] ?? 0))
            start = interval.start(after: start)
        }
        return buckets
    }
}

extension Interval {
    /// The first day of the interval holding `day`: itself, the Monday on or before it (ISO
    /// weeks), the first of its month, 1 January of its year.
    func start(of day: CalendarDay) -> CalendarDay {
        switch self {
        case .day: day
        case .week: day.adding(days: 1 - day.isoWeekday)
        case .month: day.adding(days: 1 - day.day)
        case .year: CalendarDay(year: day.year, month: 1, day: 1) ?? day
        }
    }

    /// The first day of the next interval, from the first day of one.
    func start(after start: CalendarDay) -> CalendarDay {
        switch self {
        case .day: start.adding(days: 1)
        case .week: start.adding(days: 7)
        case .month: start.adding(months: 1)
        case .year: start.adding(months: 12)
        }
    }
}
