/// Reads `socket.path` out of a Trawl config file, and nothing else: the client must start in
/// a few milliseconds, so it carries no YAML library. trawld and trawl-index read the whole
/// file with one (and refuse a broken one at start); here only the forms a config file uses
/// for this key are understood: a block mapping `socket:` holding `path: VALUE`, the value
/// plain, "double-quoted" or 'single-quoted', comments allowed.
enum SocketConfigFile {
    /// The raw `socket.path` value; nil when the file does not set it.
    static func socketPath(in text: String, file: String) throws(SocketConfigError) -> String? {
        var inSocket = false
        // The indentation of `socket:`'s own keys (set by its first one): `path` deeper down
        // belongs to something else.
        var keyIndent: Int?
        var number = 0
        // YAML (and so trawld) allows a byte-order mark and CR LF line ends, which editors on
        // other systems write. "\r\n" is one Character in Swift, so it is a separator of its own.
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            let content = line.drop(while: { $0 == " " })
            if content.isEmpty || content.hasPrefix("#") || line == "---" { continue }
            let indent = line.distance(from: line.startIndex, to: content.startIndex)
            if indent == 0 {
                guard let (key, value) = keyAndValue(content), key == "socket" else {
                    inSocket = false
                    continue
                }
                guard value.isEmpty || value.hasPrefix("#") else {
                    throw SocketConfigError(
                        "\(file):\(number): the client reads `socket:` only as a block (`socket:` then `  path: ...` on the next line)")
                }
                inSocket = true
                keyIndent = nil
                continue
            }
            guard inSocket else { continue }
            if keyIndent == nil { keyIndent = indent }
            guard indent == keyIndent, let (key, value) = keyAndValue(content), key == "path" else { continue }
            return try scalar(value, at: "\(file):\(number)")
        }
        return nil
    }

    /// `key: rest` of a mapping line (rest without the spaces after the colon); nil for other lines.
    private static func keyAndValue(_ line: Substring) -> (String, Substring)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let after = line[line.index(after: colon)...]
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        let key = line[..<colon]
        return (String(key), after.drop(while: { $0 == " " || $0 == "\t" }))
    }

    /// Where a comment starts in a plain scalar: at a `#` that begins it (the separator after
    /// the colon was dropped) or follows a space or a tab, as YAML has it.
    private static func commentStart(in text: Substring) -> Substring.Index? {
        var previous: Character = " "
        for index in text.indices {
            if text[index] == "#", previous == " " || previous == "\t" { return index }
            previous = text[index]
        }
        return nil
    }

    /// A YAML scalar as written on one line: quoted or plain, a trailing comment dropped.
    private static func scalar(_ text: Substring, at place: String) throws(SocketConfigError) -> String? {
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            let value = text[..<(commentStart(in: text) ?? text.endIndex)]
            let trimmed = String(value.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
            return trimmed.isEmpty || trimmed == "~" || trimmed == "null" ? nil : trimmed
        }
        var value = ""
        var rest = text.dropFirst()
        while let character = rest.popFirst() {
            if character == quote {
                // '' is a quote inside a single-quoted scalar.
                if quote == "'", rest.first == "'" {
                    rest.removeFirst()
                    value.append("'")
                    continue
                }
                return value
            }
            if quote == "\"", character == "\\", let escaped = rest.popFirst() {
                guard escaped == "\\" || escaped == "\"" || escaped == "/" else {
                    throw SocketConfigError("\(place): the client does not read the escape \\\(escaped) in socket.path")
                }
                value.append(escaped)
                continue
            }
            value.append(character)
        }
        throw SocketConfigError("\(place): socket.path has no closing \(quote)")
    }
}
