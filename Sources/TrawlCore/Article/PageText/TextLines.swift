/// Small, allocation-free string helpers for cleaned text (where the only blanks left are space and tab).
extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        let bytes = utf8
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower < upper, Self.isBlank(bytes[lower]) {
            lower = bytes.index(after: lower)
        }
        while lower < upper {
            let last = bytes.index(before: upper)
            guard Self.isBlank(bytes[last]) else { break }
            upper = last
        }
        return self[lower..<upper]
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    // NOTE: without these, `Substring.hasPrefix(String)` resolves to Foundation's generic
    // `StringProtocol` version, which goes through `NSString` and is over ten times slower.
    // Byte comparison is exact here because parsed text is already cleaned (one form of line end and space).

    /// Whether the text starts with `prefix`, compared byte for byte.
    func hasPrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// Whether the text ends with `suffix`, compared byte for byte.
    func hasSuffix(_ suffix: String) -> Bool {
        utf8.count >= suffix.utf8.count && utf8.reversed().starts(with: suffix.utf8.reversed())
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        self[...].trimmingBlanks()
    }

    /// The lines of the text, each trimmed of spaces and tabs; blank lines become empty strings.
    func trimmedLines() -> [String] {
        var lines: [String] = []
        var start = startIndex
        while let newline = self[start...].utf8.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(self[start..<newline].trimmingBlanks()))
            start = index(after: newline)
        }
        lines.append(String(self[start...].trimmingBlanks()))
        return lines
    }

    /// Lines of raw (not cleaned) text, split at every LF byte so CRLF pairs split too
    /// (`Character` splitting would not: `"\r\n"` is one `Character`); a trailing CR is dropped.
    func rawLines() -> [Substring] {
        utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes in
            let line = Substring(bytes)
            return line.utf8.last == UInt8(ascii: "\r") ? Substring(line.utf8.dropLast()) : line
        }
    }

    /// `nil` for empty text, so absent fields never travel as empty strings.
    var nonEmpty: String? {
        isEmpty ? nil : self
    }
}
