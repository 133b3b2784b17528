import Foundation

/// Turns a file's bytes into text, refusing what is not UTF-8 text.
enum ArticleBytes {
    /// Decodes `data` as UTF-8, skipping a leading byte order mark.
    static func decode(_ data: Data) throws(ArticleParseError) -> String {
        if data.isEmpty { throw .emptyFile }
        let decoded = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<String, ArticleParseError> in
            let bytes = raw.bindMemory(to: UInt8.self)
            let start = hasByteOrderMark(bytes) ? 3 : 0
            let text = UnsafeBufferPointer(rebasing: bytes[start...])
            if text.isEmpty { return .failure(.emptyFile) }
            if text.contains(0) { return .failure(.binaryFile) }
            if let bad = firstInvalidUTF8Offset(text) {
                let reason = "invalid UTF-8 at byte \(start + bad); convert the file to UTF-8"
                return .failure(ArticleParseError(reason: reason))
            }
            return .success(String(decoding: text, as: UTF8.self))
        }
        return try decoded.get()
    }

    /// The bytes as text, each byte that is not part of valid UTF-8 written as `\xHH`.
    static func escapingInvalidUTF8(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { all in
            var text = ""
            var start = 0
            while start < all.count {
                let rest = UnsafeBufferPointer(rebasing: all[start...])
                let valid = firstInvalidUTF8Offset(rest) ?? rest.count
                text += String(decoding: UnsafeBufferPointer(rebasing: rest[..<valid]), as: UTF8.self)
                if valid < rest.count { text += "\\x" + String(rest[valid], radix: 16, uppercase: true) }
                start += valid + 1
            }
            return text
        }
    }

    private static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// Offset of the first byte that does not start or continue a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: i) else { return i }
            i += length
        }
        return nil
    }

    /// Length of the valid multi-byte sequence starting at `i` (RFC 3629 table), or nil.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = bytes[i]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF       // no overlong forms
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F       // no UTF-16 surrogates
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F       // nothing above U+10FFFF
        default: return nil
        }
        guard i + length <= bytes.count, secondRange.contains(bytes[i + 1]) else { return nil }
        for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) {
            return nil
        }
        return length
    }
}
