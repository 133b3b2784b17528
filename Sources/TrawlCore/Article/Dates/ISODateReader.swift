/// Reads `2025-05-15`, `2025-05-15T11:13`, `2025-05-15 11:13:00.5+01:00`, `2025-05-15T11:13:00Z`
/// (lower-cased input, as `NewsDateParser` passes it).
enum ISODateReader {
    static func read(_ text: Substring) -> CivilTime? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2)
        else { return nil }
        var civil = CivilTime(year: year, month: month, day: day)
        if scanner.atEnd { return civil }
        guard scanner.skip("t") || scanner.skip(" ") else { return nil }
        guard let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2)
        else { return nil }
        civil.hour = hour
        civil.minute = minute
        if scanner.skip(":") {
            guard let second = scanner.number(digits: 2) else { return nil }
            civil.second = second
            if scanner.skip(".") || scanner.skip(",") {
                guard let fraction = scanner.fraction() else { return nil }
                civil.fraction = fraction
            }
        }
        _ = scanner.skip(" ")
        if scanner.atEnd { return civil }
        guard let offset = scanner.zone() else { return nil }
        civil.utcOffset = offset
        civil.hasZone = true
        return civil
    }
}

/// A cursor over ASCII bytes for fixed-width date fields.
struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// Exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + digits] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        position += digits
        return value
    }

    /// The digits after a decimal point, as a fraction of a second.
    mutating func fraction() -> Double? {
        var value = 0.0
        var scale = 0.1
        let start = position
        while position < bytes.count, (0x30...0x39).contains(bytes[position]), position - start < 9 {
            value += Double(bytes[position] - 0x30) * scale
            scale /= 10
            position += 1
        }
        return position > start ? value : nil
    }

    /// `z`, a zone name, or `+hh`, `+hhmm`, `+hh:mm`; the rest of the input must be the zone.
    mutating func zone() -> Int? {
        guard position < bytes.count else { return nil }
        let rest = String(decoding: bytes[position...], as: UTF8.self)
        position = bytes.count
        return UTCOffset.parse(rest[...])
    }
}

/// `+01:00`, `+0100`, `-05`, and zone names such as `utc`, `bst`, `utc+1`.
enum UTCOffset {
    static func parse(_ text: Substring) -> Int? {
        if let named = DateWords.zoneOffset(text) { return named }
        if text.hasPrefix("utc") || text.hasPrefix("gmt") { return numeric(text.dropFirst(3)) }
        return numeric(text)
    }

    private static func numeric(_ text: Substring) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard [1, 2, 4].contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let padded = digits.count <= 2 ? digits + "00" : digits
        guard let hhmm = Int(padded) else { return nil }
        let hours = hhmm / 100, minutes = hhmm % 100
        guard hours <= 18, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
