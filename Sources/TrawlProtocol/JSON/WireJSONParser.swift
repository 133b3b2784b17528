/// A strict JSON reader (RFC 8259) for one line of the wire: a request (the daemon) or a
/// response (the client).
///
/// Hand-written rather than `JSONSerialization` because the wire needs things Foundation
/// does not give on Linux: booleans kept apart from numbers, numbers' literal text (for
/// echoing `id`), and error messages that say where the line went wrong.
public struct WireJSONParser {
    /// Nesting deeper than this is refused (a request never needs more; recursion stays shallow).
    public static let maximumDepth = 64

    /// Why a line is not JSON.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong ("expected ',' or '}' in an object").
        public let problem: String
        /// Where: the offset of the offending byte from the start of the parsed bytes (0-based).
        public let offset: Int
        /// What is wrong, and at which byte (1-based).
        public var message: String { "\(problem) at byte \(offset + 1)" }
        /// The message.
        public var description: String { message }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one complete JSON text (any value; surrounding whitespace allowed).
    /// The bytes must already be valid UTF-8.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> WireValue {
        var parser = WireJSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses one line of text.
    public static func parse(_ text: String) throws(SyntaxError) -> WireValue {
        var text = text
        let result = text.withUTF8 { bytes in Result { () throws(SyntaxError) -> WireValue in try parse(bytes) } }
        return try result.get()
    }

    private func error(_ what: String) -> SyntaxError {
        SyntaxError(problem: what, offset: position)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func value(depth: Int) throws(SyntaxError) -> WireValue {
        guard depth < Self.maximumDepth else { throw error("nested too deeply") }
        switch current {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case .some(let byte) where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte): return .number(try number())
        case nil: throw error("unexpected end of line")
        default: throw error("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count,
            (0..<count).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] })
        else { throw error("unexpected character") }
        position += count
    }

    private mutating func object(depth: Int) throws(SyntaxError) -> WireValue {
        position += 1  // {
        var members: [String: WireValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
            let name = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
            position += 1
            skipWhitespace()
            members[name] = try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func array(depth: Int) throws(SyntaxError) -> WireValue {
        position += 1  // [
        var elements: [WireValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(elements)
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func number() throws(SyntaxError) -> WireNumber {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, (0x30...0x39).contains(first) else { throw error("expected a digit") }
        position += 1
        if first != 0x30 { skipDigits() }
        if current == UInt8(ascii: ".") {
            position += 1
            guard requireDigits() else { throw error("expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard requireDigits() else { throw error("expected a digit in the exponent") }
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return WireNumber(literal: literal, double: Double(literal) ?? .nan)
    }

    private mutating func skipDigits() {
        while let byte = current, (0x30...0x39).contains(byte) { position += 1 }
    }

    private mutating func requireDigits() -> Bool {
        let start = position
        skipDigits()
        return position > start
    }

    /// Reads a string; the opening quote is at `position`.
    private mutating func string() throws(SyntaxError) -> String {
        position += 1  // "
        let start = position
        // Fast path: no escapes, so the bytes are the string (already known to be valid UTF-8).
        while let byte = current, byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "\"") {
            guard byte >= 0x20 else { throw error("control character in a string (escape it)") }
            position += 1
        }
        let plain = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if current == UInt8(ascii: "\"") {
            position += 1
            return String(decoding: plain, as: UTF8.self)
        }
        var scalars = [UInt8](plain)
        while true {
            guard let byte = current else { throw error("unterminated string") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &scalars)
            case 0..<0x20:
                position -= 1
                throw error("control character in a string (escape it)")
            default: scalars.append(byte)
            }
        }
    }

    /// Decodes the escape after a backslash and appends its UTF-8 bytes.
    private mutating func escape(into out: inout [UInt8]) throws(SyntaxError) {
        guard let byte = current else { throw error("unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard bytes.count - position >= 2, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw error("unpaired surrogate in a \\u escape") }
                position += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in a \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("unpaired surrogate in a \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            out.append(contentsOf: Unicode.UTF8.encode(unicode)!)
        default:
            position -= 1
            throw error("invalid escape in a string")
        }
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw error("invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
