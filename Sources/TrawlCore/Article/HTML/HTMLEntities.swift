/// Decodes HTML character references: the common named ones and all numeric ones.
enum HTMLEntities {
    /// Named references news pages use; unknown names are left as written.
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
        "sbquo": "\u{201A}", "bdquo": "\u{201E}", "prime": "\u{2032}", "Prime": "\u{2033}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "shy": "\u{AD}",
        "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "deg": "\u{B0}", "middot": "\u{B7}",
        "bull": "\u{2022}", "pound": "\u{A3}", "euro": "\u{20AC}", "yen": "\u{A5}", "cent": "\u{A2}",
        "laquo": "\u{AB}", "raquo": "\u{BB}", "times": "\u{D7}", "divide": "\u{F7}",
        "eacute": "\u{E9}", "egrave": "\u{E8}", "aacute": "\u{E1}", "agrave": "\u{E0}",
        "ouml": "\u{F6}", "uuml": "\u{FC}", "auml": "\u{E4}", "szlig": "\u{DF}", "ccedil": "\u{E7}",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
    ]

    /// The text of `bytes` (valid UTF-8) with character references replaced.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output = ""
        output.reserveCapacity(bytes.count)
        var runStart = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard bytes[i] == UInt8(ascii: "&"), let (text, end) = reference(bytes, at: i) else {
                i += 1
                continue
            }
            output += String(decoding: bytes[runStart..<i], as: UTF8.self)
            output += text
            i = end
            runStart = end
        }
        output += String(decoding: bytes[runStart..<bytes.endIndex], as: UTF8.self)
        return output
    }

    /// The reference starting at the `&` at `start`: its text and the index after its `;`.
    private static func reference(_ bytes: ArraySlice<UInt8>, at start: Int) -> (String, Int)? {
        let limit = min(bytes.endIndex, start + 34)
        guard let semicolon = bytes[start..<limit].firstIndex(of: UInt8(ascii: ";")), semicolon > start + 1
        else { return nil }
        let name = String(decoding: bytes[(start + 1)..<semicolon], as: UTF8.self)
        if name.hasPrefix("#") {
            return numeric(name.dropFirst()).map { ($0, semicolon + 1) }
        }
        return named[name].map { ($0, semicolon + 1) }
    }

    /// `#39` or `#x2019`; code points that are not characters become U+FFFD.
    private static func numeric(_ digits: Substring) -> String? {
        let isHex = digits.first == "x" || digits.first == "X"
        let number = isHex ? digits.dropFirst() : digits
        guard !number.isEmpty, number.count <= 8, let value = UInt32(number, radix: isHex ? 16 : 10) else {
            return nil
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return String(Character(scalar))
    }
}
