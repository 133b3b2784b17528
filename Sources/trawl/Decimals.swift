/// Fixed-point numbers for people ("3.14"), without Foundation's `String(format:)`, whose
/// locale machinery costs a one-shot `trawl` more than the search itself.
enum Decimals {
    /// `value` with `places` decimals (0-6), halves to even: `fixed(0.25, places: 1)` is "0.2".
    /// Values too large for fixed point (never a duration) are written as Swift prints them.
    static func fixed(_ value: Double, places: Int) -> String {
        let places = min(max(places, 0), 6)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrEven)
        guard scaled.isFinite, scaled < 1e15 else { return value.description }
        let units = Int(scaled)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return sign + String(units) }
        let fraction = String(units % Int(scale))
        return sign + String(units / Int(scale)) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// A duration in milliseconds with `places` decimals.
    static func milliseconds(_ duration: Duration, places: Int) -> String {
        let (seconds, attoseconds) = duration.components
        return fixed(Double(seconds) * 1000 + Double(attoseconds) / 1e15, places: places)
    }
}
