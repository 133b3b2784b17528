import ArgumentParser
import CCalendar

/// `--since 2025-05` and `--until 2025`: a month or a year stands for its first day as a lower
/// bound and its last day as an upper one, as in `date:`. Full dates and the daemon's relative
/// forms (`-7d`, `today`) go to trawld as written, which checks them and the range's order.
enum DateBound {
    enum Side: String { case since, until }

    static func widen(_ text: String, to side: Side) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return text }
        guard parts.count == 2 else { return side == .since ? "\(text)-01-01" : "\(text)-12-31" }
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else {
            throw ValidationError("--\(side.rawValue) \(text): write a month as YYYY-MM, from 01 to 12")
        }
        return side == .since ? "\(text)-01" : "\(text)-\(trawl_days_in_month(Int32(year), Int32(month)))"
    }
}
