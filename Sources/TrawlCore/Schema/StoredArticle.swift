import Foundation

/// The document data stored with each article: enough to answer `get` and to make snippets.
///
/// Layout (readable in `xapian-delve -d`): `key<TAB>value` lines with `\\`, `\n` and `\t`
/// escaped, then an empty line, then the body verbatim. Cheaper to decode than JSON, and
/// the body, the big part, is sliced rather than parsed. This file is the layout's one home:
/// the shim makes a hit's snippet from the body offset `decodeHeader` finds.
public enum StoredArticle {
    static let fieldKeys = ["id", "title", "url", "site", "source", "byline", "date", "date_offset", "updated", "path"]

    /// Encodes an article and the file it came from.
    public static func encode(_ article: Article, path: String?) -> String {
        var out = ""
        out.reserveCapacity(article.body.utf8.count + 256)
        func field(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out += key
            out += "\t"
            out += escape(value)
            out += "\n"
        }
        field("id", article.id)
        field("title", article.title)
        field("url", article.url)
        field("site", article.site)
        field("source", article.source)
        field("byline", article.byline)
        field("date", article.date.map(WireDate.format))
        field("date_offset", article.date != nil ? article.dateOffset.map { String($0) } : nil)
        field("updated", article.updated.map(WireDate.format))
        field("path", path)
        out += "\n"
        out += article.body
        return out
    }

    /// Decodes stored data back into an article. Unknown keys are ignored (newer writers may add some).
    public static func decode(_ data: String) -> Article {
        var data = data
        return data.withUTF8 { decode($0, body: true).article }
    }

    /// Decodes stored data given as UTF-8 bytes. Works on bytes, not Characters: it runs for
    /// every hit of every search, and the separators are ASCII. The body starts after the first
    /// empty line (at the end when there is none).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, body withBody: Bool) -> Header {
        var fields = Fields()
        var body = ""
        var bodyOffset = bytes.count
        var lineStart = 0
        while let newline = bytes[lineStart...].firstIndex(of: 0x0A) {
            if newline == lineStart {
                bodyOffset = newline + 1
                if withBody { body = String(decoding: bytes[bodyOffset...], as: UTF8.self) }
                break
            }
            if let tab = bytes[lineStart..<newline].firstIndex(of: 0x09) {
                fields.set(bytes[lineStart..<tab], bytes[(tab + 1)..<newline])
            }
            lineStart = newline + 1
        }
        let article = Article(
            id: fields.id ?? "", title: fields.title, body: body, url: fields.url, site: fields.site,
            source: fields.source, byline: fields.byline, date: fields.date.flatMap(WireDate.parse),
            updated: fields.updated.flatMap(WireDate.parse), dateOffset: fields.dateOffset.flatMap { Int($0) })
        return Header(article: article, date: fields.date, bodyOffset: bodyOffset)
    }

    /// The header fields read so far; a key seen twice keeps its last value. A struct, not a
    /// dictionary: this runs for every hit of every search, and hashing the keys cost more than
    /// the rest of the decoding (profile in docs/measurements/socket-cost.md, Step 6).
    private struct Fields {
        var id, title, url, site, source, byline, date, dateOffset, updated: String?

        /// Keeps the value of a known key; others (`path`, keys of newer writers) are skipped.
        mutating func set(_ key: Slice<UnsafeBufferPointer<UInt8>>, _ escaped: Slice<UnsafeBufferPointer<UInt8>>) {
            switch String(decoding: key, as: UTF8.self) {
            case "id": id = unescape(escaped)
            case "title": title = unescape(escaped)
            case "url": url = unescape(escaped)
            case "site": site = unescape(escaped)
            case "source": source = unescape(escaped)
            case "byline": byline = unescape(escaped)
            case "date": date = unescape(escaped)
            case "date_offset": dateOffset = unescape(escaped)
            case "updated": updated = unescape(escaped)
            default: break
            }
        }
    }

    /// What a search hit reads of its stored data: every field but the body, and where the body
    /// starts (the body stays in the shim, for the snippet).
    struct Header {
        var article: Article
        /// The `date` field as stored: the wire form `WireDate.format` wrote.
        var date: String?
        /// Byte offset of the body in the stored data.
        var bodyOffset: Int
    }

    /// The header of stored data given as the shim's bytes.
    static func decodeHeader(_ data: UnsafePointer<CChar>?, _ count: Int) -> Header {
        guard let data, count > 0 else { return decode(UnsafeBufferPointer(start: nil, count: 0), body: false) }
        return data.withMemoryRebound(to: UInt8.self, capacity: count) {
            decode(UnsafeBufferPointer(start: $0, count: count), body: false)
        }
    }

    static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\t" || $0 == "\r" }) else { return value }
        var out = ""
        for ch in value {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(ch)
            }
        }
        return out
    }

    static func unescape(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard value.contains(UInt8(ascii: "\\")) else { return String(decoding: value, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var escaping = false
        for byte in value {
            if escaping {
                switch byte {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                default: out.append(byte)
                }
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
