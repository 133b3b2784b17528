/// Fixed-point numbers for people ("3.14"), without Foundation's `String(format:)`, whose
/// locale machinery costs a one-shot `trawl` more than the search itself.
enum Decimals {
    /// `value` rounded to `places` decimals (0-6), e.g. `fixed(2.345, places: 1)` is "2.3".
    static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let unit = Int(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + String(scaled) }
        let fraction = String(scaled % unit)
        return sign + String(scaled / unit) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// A duration in milliseconds with `places` decimals.
    static func milliseconds(_ duration: Duration, places: Int) -> String {
        let (seconds, attoseconds) = duration.components
        return fixed(Double(seconds) * 1000 + Double(attoseconds) / 1e15, places: places)
    }
}
