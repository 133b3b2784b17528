import Foundation

/// The document data stored with each article: enough to answer `get` and to make snippets.
///
/// Layout (readable in `xapian-delve -d`): `key<TAB>value` lines with `\\`, `\n` and `\t`
/// escaped, then an empty line, then the body verbatim. Cheaper to decode than JSON, and
/// the body, the big part, is sliced rather than parsed.
public enum StoredArticle {
    static let fieldKeys = ["id", "title", "url", "site", "source", "byline", "date", "updated", "path"]

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
        field("updated", article.updated.map(WireDate.format))
        field("path", path)
        out += "\n"
        out += article.body
        return out
    }

    /// Decodes stored data back into an article. Unknown keys are ignored (newer writers may add some).
    public static func decode(_ data: String) -> Article {
        var fields: [Substring: String] = [:]
        var body = ""
        var rest = data[...]
        while let newline = rest.firstIndex(of: "\n") {
            let line = rest[..<newline]
            rest = rest[rest.index(after: newline)...]
            if line.isEmpty {
                body = String(rest)
                break
            }
            guard let tab = line.firstIndex(of: "\t") else { continue }
            fields[line[..<tab]] = unescape(line[line.index(after: tab)...])
        }
        return Article(
            id: fields["id"] ?? "", title: fields["title"], body: body, url: fields["url"], site: fields["site"],
            source: fields["source"], byline: fields["byline"], date: fields["date"].flatMap(WireDate.parse),
            updated: fields["updated"].flatMap(WireDate.parse))
    }

    /// Bytes of stored data up to and including the empty line that ends the header: decoding
    /// just these gives every field but the body, without copying the body (search hits).
    static func headerLength(_ data: UnsafePointer<CChar>?, _ count: Int) -> Int {
        guard let data, count > 0 else { return 0 }
        if data[0] == 0x0A { return 1 }
        var index = 1
        while index < count {
            if data[index] == 0x0A, data[index - 1] == 0x0A { return index + 1 }
            index += 1
        }
        return count
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

    static func unescape(_ value: Substring) -> String {
        guard value.contains("\\") else { return String(value) }
        var out = ""
        var escaping = false
        for ch in value {
            if escaping {
                switch ch {
                case "n": out += "\n"
                case "r": out += "\r"
                case "t": out += "\t"
                default: out.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
