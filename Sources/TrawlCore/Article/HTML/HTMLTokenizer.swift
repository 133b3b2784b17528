/// One piece of an HTML document.
enum HTMLToken: Equatable {
    /// `<name attr=value>`; names are lower-cased, values have references decoded.
    case start(name: String, attributes: [String: String], selfClosing: Bool)
    case end(name: String)
    /// Text with references decoded (CDATA sections come through as text too).
    case text(String)
}

/// A small, tolerant HTML tokenizer: unclosed tags, any attribute quoting, comments,
/// CDATA, doctype and processing instructions, upper-case names. It never fails;
/// what it cannot read as markup it returns as text.
struct HTMLTokenizer {
    private let bytes: [UInt8]
    private var position = 0
    private(set) var tokens: [HTMLToken] = []

    /// Elements whose content is not markup: it runs to the matching end tag.
    private static let rawTextElements: Set<String> = ["script", "style", "title", "textarea", "xmp"]

    /// Tokenizes `html` (which must be valid UTF-8, as `String` guarantees).
    static func tokenize(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(bytes: Array(html.utf8))
        tokenizer.run()
        return tokenizer.tokens
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func run() {
        while position < bytes.count {
            guard let open = bytes[position...].firstIndex(of: UInt8(ascii: "<")) else {
                emitText(position..<bytes.count)
                return
            }
            emitText(position..<open)
            position = open
            if !readMarkup() {
                emitText(open..<(open + 1))     // a lone "<" is text
                position = open + 1
            }
        }
    }

    /// Reads the markup at a `<`; false when it is not markup.
    private mutating func readMarkup() -> Bool {
        let next = position + 1 < bytes.count ? bytes[position + 1] : 0
        if starts(with: "<!--") {
            position = index(after: "-->", from: position + 4)
        } else if starts(with: "<![CDATA[") {
            let end = find("]]>", from: position + 9) ?? bytes.count
            emitText(position + 9..<end, decode: false)
            position = min(bytes.count, end + 3)
        } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
            position = index(after: ">", from: position + 2)
        } else if next == UInt8(ascii: "/") {
            readEndTag()
        } else if Self.isLetter(next) {
            readStartTag()
        } else {
            return false
        }
        return true
    }

    private mutating func readEndTag() {
        position += 2
        let name = readName()
        position = index(after: ">", from: position)
        if !name.isEmpty { tokens.append(.end(name: name)) }    // `</ >` and `</3>` are comments
    }

    private mutating func readStartTag() {
        position += 1
        let name = readName()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while position < bytes.count {
            skipSpace()
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") { position += 1; break }
            if byte == UInt8(ascii: "/") { selfClosing = true; position += 1; continue }
            selfClosing = false
            let (key, value) = readAttribute()
            if attributes[key] == nil { attributes[key] = value }
        }
        tokens.append(.start(name: name, attributes: attributes, selfClosing: selfClosing))
        if Self.rawTextElements.contains(name) && !selfClosing {
            readRawText(of: name, keepsScript: name == "script" && Self.isJSONLD(attributes["type"]))
        }
    }

    /// `name`, `name=value`, `name="value"`, `name='value'`.
    private mutating func readAttribute() -> (String, String) {
        let start = position
        position += 1           // the first byte is always part of the name, so a stray "=" cannot stall us
        while position < bytes.count, !Self.endsAttributeName(bytes[position]) {
            position += 1
        }
        let key = String(decoding: bytes[start..<position], as: UTF8.self).lowercased()
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { return (key, "") }
        position += 1
        skipSpace()
        guard position < bytes.count else { return (key, "") }
        let quote = bytes[position]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let end = bytes[(position + 1)...].firstIndex(of: quote) ?? bytes.count
            let value = HTMLEntities.decode(bytes[(position + 1)..<end])
            position = min(bytes.count, end + 1)
            return (key, value)
        }
        let valueStart = position
        while position < bytes.count, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        return (key, HTMLEntities.decode(bytes[valueStart..<position]))
    }

    /// `<script type="application/ld+json">`: the page's schema.org metadata, which is read.
    static func isJSONLD(_ type: String?) -> Bool {
        type.map { $0.lowercased().trimmingBlanks() == "application/ld+json" } ?? false
    }

    /// Content of `<script>`, `<style>`, `<title>`…: everything up to `</name`, in any case.
    /// A script's content is text only when `keepsScript` (JSON-LD), and then as it is.
    private mutating func readRawText(of name: String, keepsScript: Bool) {
        let closing = Array("</\(name)".utf8)
        var search = position
        var end = bytes.count
        while let candidate = find(closing, from: search, ignoringCase: true) {
            let after = candidate + closing.count
            if after >= bytes.count || !Self.isNameByte(bytes[after]) { end = candidate; break }
            search = after
        }
        // Script and style content is never text; title and textarea content is (with references).
        if name == "title" || name == "textarea" || name == "xmp" || keepsScript {
            emitText(position..<end, decode: name == "title" || name == "textarea")
        }
        position = end
    }

    // MARK: Scanning

    private mutating func emitText(_ range: Range<Int>, decode: Bool = true) {
        guard !range.isEmpty else { return }
        let slice = bytes[range]
        tokens.append(.text(decode ? HTMLEntities.decode(slice) : String(decoding: slice, as: UTF8.self)))
    }

    /// A tag name, lower-cased; stops at the first byte that cannot be in a name.
    private mutating func readName() -> String {
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self).lowercased()
    }

    private mutating func skipSpace() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    private func starts(with prefix: String) -> Bool {
        let needle = Array(prefix.utf8)
        let end = position + needle.count
        return end <= bytes.count && bytes[position..<end].elementsEqual(needle)
    }

    /// The index just past the next `terminator`, or the end of the input.
    private func index(after terminator: String, from start: Int) -> Int {
        let needle = Array(terminator.utf8)
        return find(needle, from: start).map { $0 + needle.count } ?? bytes.count
    }

    private func find(_ text: String, from start: Int) -> Int? {
        find(Array(text.utf8), from: start)
    }

    /// Where `needle` next occurs at or after `start`.
    private func find(_ needle: [UInt8], from start: Int, ignoringCase: Bool = false) -> Int? {
        guard let first = needle.first, start < bytes.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == first {
                var k = 1
                while k < needle.count && Self.sameByte(bytes[i + k], needle[k], ignoringCase: ignoringCase) { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    private static func sameByte(_ a: UInt8, _ b: UInt8, ignoringCase: Bool) -> Bool {
        a == b || (ignoringCase && isLetter(a) && a | 0x20 == b | 0x20)
    }
}
