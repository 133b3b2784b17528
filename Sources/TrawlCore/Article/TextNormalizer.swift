import Foundation

/// Two forms of text:
///
/// - `clean`: the text as written, tidied: CRLF, CR and Unicode line separators become LF, odd
///   spaces a plain space; control and invisible format characters (except newline and tab) and
///   spaces and tabs at line ends are dropped. Articles are stored in this form, so `get`
///   returns curly quotes, dashes, accents and ligatures as the page printed them.
/// - `normalize`: the form the index sees, so `country’s` and `country's` are the same word:
///   `clean`, plus typographic quotes and primes mapped to ASCII `'` and `"`, then Unicode NFKC
///   (so the ligature `ﬁ` becomes `fi`). Only the text given to the indexer (and text that is
///   matched against patterns) is normalised.
public enum TextNormalizer {
    /// Returns the normalised (indexed) form of `s`.
    public static func normalize(_ s: String) -> String {
        transform(s, forIndex: true)
    }

    /// Returns `s` as written, with line ends, odd spaces and invisible characters tidied.
    public static func clean(_ s: String) -> String {
        transform(s, forIndex: false)
    }

    /// A metadata value (title, byline, source…): `clean`, on one line (runs of blanks and line
    /// breaks become one space), trimmed; nil when nothing is left.
    static func cleanLine(_ s: String) -> String? {
        clean(s).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ").nonEmpty
    }

    private static func transform(_ s: String, forIndex: Bool) -> String {
        var text = s
        var needsNFKC = false
        // One pass over the UTF-8 bytes. Nothing maps to more bytes than it had, so the
        // output fits in the input's size.
        let mapped = text.withUTF8 { input in
            String(unsafeUninitializedCapacity: input.count) { output in
                map(utf8: input, into: output, forIndex: forIndex, needsNFKC: &needsNFKC)
            }
        }
        return needsNFKC && forIndex ? mapped.precomposedStringWithCompatibilityMapping : mapped
    }

    /// Writes the mapped bytes; returns how many were written.
    private static func map(utf8 input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>,
                            forIndex: Bool, needsNFKC: inout Bool) -> Int {
        var writer = Writer(output: output)
        var i = 0
        while i < input.count {
            let byte = input[i]
            if byte > 0x20 && byte < 0x7F {         // printable ASCII: by far the most common case
                writer.keep(byte)
                i += 1
                continue
            }
            let (scalar, length) = decodeScalar(input, at: i)
            writer.write(classify(scalar, forIndex: forIndex), for: scalar, original: UnsafeBufferPointer(rebasing: input[i..<(i + length)]))
            let isCRLF = scalar == 0x0D && i + 1 < input.count && input[i + 1] == 0x0A
            i += isCRLF ? 2 : length
        }
        needsNFKC = writer.needsNFKC
        return writer.finish()
    }

    /// The output cursor, holding back nothing but the knowledge of where trailing blanks began.
    private struct Writer {
        let output: UnsafeMutableBufferPointer<UInt8>
        var count = 0
        var trailingBlanks: Int?    // where the current run of blanks began, dropped if the line ends
        var needsNFKC = false

        mutating func keep(_ byte: UInt8) {
            output[count] = byte
            count += 1
            trailingBlanks = nil
        }

        mutating func write(_ mapped: Mapped, for scalar: UInt32, original: UnsafeBufferPointer<UInt8>) {
            switch mapped {
            case .drop:
                break
            case .newline:
                count = trailingBlanks ?? count
                keep(0x0A)
            case .blank(let blank):
                let start = trailingBlanks ?? count
                keep(blank)
                trailingBlanks = start
            case .keep(let value) where value == scalar:
                for byte in original { keep(byte) }           // unchanged: copy its bytes
                if !needsNFKC && !NFKCStability.isStable(value) { needsNFKC = true }
            case .keep(let value):
                keep(UInt8(truncatingIfNeeded: value))        // replacements are ASCII
            }
        }

        func finish() -> Int {
            trailingBlanks ?? count
        }
    }

    fileprivate enum Mapped {
        case keep(UInt32)
        case blank(UInt8)
        case newline
        case drop
    }

    private static func classify(_ scalar: UInt32, forIndex: Bool) -> Mapped {
        switch scalar {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return .newline
        case 0x09: return .blank(0x09)
        case 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .blank(0x20)
        case 0x00...0x1F, 0x7F...0x9F: return .drop                  // control characters
        case 0xAD, 0x200B, 0x2060, 0xFEFF: return .drop              // soft hyphen, zero-width space, BOM
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC: return .keep(forIndex ? 0x27 : scalar)   // '
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036: return .keep(forIndex ? 0x22 : scalar)           // "
        default: return .keep(scalar)
        }
    }

    /// The scalar at `i` of valid UTF-8 (as a `String` guarantees) and its length in bytes.
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[i])
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard length > 1, i + length <= bytes.count else { return (lead, 1) }
        var value = lead & (0xFF >> UInt32(length + 1))
        for k in 1..<length {
            value = value << 6 | UInt32(bytes[i + k] & 0x3F)
        }
        return (value, length)
    }
}

/// A fast, conservative test for characters that NFKC leaves alone, so plain
/// English and Western European text skips the (slow) Foundation normalisation.
enum NFKCStability {
    static func isStable(_ value: UInt32) -> Bool {
        switch value {
        case 0x00...0x9F: return true
        case 0xA1...0xA7, 0xA9, 0xAB, 0xAC, 0xAE, 0xB0, 0xB1, 0xB6, 0xB7, 0xBB, 0xBF: return true
        case 0xC0...0xFF: return true                                  // precomposed Latin-1 letters
        case 0x0100...0x017F: return !unstableLatinExtendedA.contains(value)
        case 0x2010, 0x2013, 0x2014, 0x2015, 0x2020...0x2022, 0x20AC: return true
        default: return false
        }
    }

    /// Latin Extended-A letters with compatibility decompositions (ĳ, ŀ, ŉ, ſ and capitals).
    private static let unstableLatinExtendedA: Set<UInt32> = [0x132, 0x133, 0x13F, 0x140, 0x149, 0x17F]
}
