import TrawlProtocol

/// Per-day counts grouped into a histogram's intervals.
public enum Histogram {
    /// Buckets from the first counted day's interval to the last's, in date order, every interval
    /// between them included (count 0 when empty). `days` are `YYYYMMDD` values; others are skipped.
    public static func buckets(days: [(day: String, count: Int)], interval: Interval) -> [HistogramBucket] {
        var counts: [CalendarDay: Int] = [:]
        for (text, count) in days {
            guard let day = CalendarDay(compact: text) else { continue }
            counts[interval.start(of: day), default: 0] += count
        }
        guard let first = counts.keys.min(), let last = counts.keys.max() else { return [] }
        var buckets: [HistogramBucket] = []
        var start = first
        while start <= last {
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
