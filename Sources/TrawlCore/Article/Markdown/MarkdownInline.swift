/// Removes light inline Markdown from one line: emphasis markers, code backticks,
/// `[text](url)` and `[text][ref]` links (the text stays), images (dropped) and `<url>` brackets.
///
/// Works on UTF-8 bytes: every marker is ASCII, and bytes of multi-byte characters never are.
enum MarkdownInline {
    static func strip(_ line: Substring) -> String {
        guard line.utf8.contains(where: { markers.contains($0) }) else { return String(line) }
        var output: [UInt8] = []
        output.reserveCapacity(line.utf8.count)
        strip(Array(line.utf8), into: &output, depth: 0)
        return String(decoding: output, as: UTF8.self)
    }

    private static let markers: Set<UInt8> = Set("*_~`[]!<\\".utf8)

    private static func strip(_ bytes: [UInt8], into output: inout [UInt8], depth: Int) {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0
            if byte == ascii("\\"), isASCIIPunctuation(next) {
                output.append(next)             // an escaped character is literal text
                i += 2
            } else if byte == ascii("!"), next == ascii("["), let link = Link(bytes, at: i + 1) {
                i = link.end                    // images carry no article text
                if output.last == ascii(" "), i < bytes.count, bytes[i] == ascii(" ") { i += 1 }
            } else if byte == ascii("["), let link = Link(bytes, at: i) {
                let text = Array(bytes[link.text])
                if depth < 3 { strip(text, into: &output, depth: depth + 1) } else { output += text }
                i = link.end
            } else if byte == ascii("<"), let end = autolinkEnd(bytes, from: i) {
                output += bytes[(i + 1)..<end]
                i = end + 1
            } else if byte == ascii("`") {
                i += 1
            } else if byte == ascii("*") || byte == ascii("_") || byte == ascii("~") {
                i = emphasisRun(bytes, from: i, into: &output)
            } else {
                output.append(byte)
                i += 1
            }
        }
    }

    /// How far to look for a closing bracket; keeps junk input (thousands of `[`) near-linear.
    private static let maxScan = 1000

    /// Drops a run of `*`, `_` or `~` that opens or closes emphasis; keeps one inside a word
    /// (`snake_case`) or standing alone between spaces (`2 * 3`).
    private static func emphasisRun(_ bytes: [UInt8], from start: Int, into output: inout [UInt8]) -> Int {
        var end = start
        while end < bytes.count && bytes[end] == bytes[start] { end += 1 }
        let before = start > 0 ? bytes[start - 1] : ascii(" ")
        let after = end < bytes.count ? bytes[end] : ascii(" ")
        let intraword = isWordByte(before) && isWordByte(after)
        let loose = isBlank(before) && isBlank(after)
        if intraword || loose { output += bytes[start..<end] }
        return end
    }

    /// `<https://…>` or `<mailto:…>`: index of the closing `>`.
    private static func autolinkEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        let window = bytes[start..<min(bytes.count, start + maxScan)]
        guard let end = window.firstIndex(of: ascii(">")), end > start + 1 else { return nil }
        let inner = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        let isLink = inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:")
        return isLink && !inner.utf8.contains(ascii(" ")) ? end : nil
    }

    /// `[text](target)` or `[text][ref]` starting at an opening bracket.
    private struct Link {
        let text: Range<Int>
        let end: Int

        init?(_ bytes: [UInt8], at open: Int) {
            guard let close = Self.matching(bytes, from: open, opening: ascii("["), closing: ascii("]")),
                  close + 1 < bytes.count
            else { return nil }
            let next = bytes[close + 1]
            guard next == ascii("(") || next == ascii("[") else { return nil }
            let closing = next == ascii("(") ? ascii(")") : ascii("]")
            guard let targetEnd = Self.matching(bytes, from: close + 1, opening: next, closing: closing) else {
                return nil
            }
            text = (open + 1)..<close
            end = targetEnd + 1
        }

        /// Index of the bracket closing the one at `start`, counting nested pairs.
        private static func matching(_ bytes: [UInt8], from start: Int, opening: UInt8, closing: UInt8) -> Int? {
            var depth = 0
            for index in start..<min(bytes.count, start + maxScan) {
                if bytes[index] == opening { depth += 1 }
                if bytes[index] == closing {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            return nil
        }
    }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 {
        UInt8(ascii: character)
    }

    /// Letters and digits, counting every byte of a non-ASCII character as part of a word.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }
}
