import TrawlProtocol

/// A histogram for people: one line per interval, its label, a bar scaled to the largest count
/// (in eighths of a character) and the count; then the total and the undated articles.
enum BarChart {
    static let width = 50
    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    static func lines(_ histogram: HistogramResponse, interval: Interval) -> [String] {
        let largest = histogram.buckets.map(\.count).max() ?? 0
        let labelWidth = histogram.buckets.map { label($0.start, interval).count }.max() ?? 0
        var lines = histogram.buckets.map { bucket in
            let text = label(bucket.start, interval)
            return text + String(repeating: " ", count: labelWidth - text.count) + "  " + bar(bucket.count, largest) + " \(bucket.count)"
        }
        let total = histogram.total.estimate
        var footer = "\(total) \(total == 1 ? "article" : "articles")"
        if histogram.undated > 0 { footer += ", \(histogram.undated) undated (not shown)" }
        lines.append(footer)
        return lines
    }

    /// `YYYY-MM-DD` for days and weeks (a week by its Monday), `YYYY-MM` for months, `YYYY` for years.
    static func label(_ start: String, _ interval: Interval) -> String {
        switch interval {
        case .day, .week: start
        case .month: String(start.prefix(7))
        case .year: String(start.prefix(4))
        }
    }

    /// A bar of `count / largest` of the width; a count above zero shows at least an eighth.
    static func bar(_ count: Int, _ largest: Int) -> String {
        guard count > 0, largest > 0 else { return "" }
        let units = max(1, (count * width * 8 + largest / 2) / largest)
        return String(repeating: "█", count: units / 8) + eighths[units % 8]
    }
}
