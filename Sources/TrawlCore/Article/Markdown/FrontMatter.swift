import Foundation
import Yams

/// The YAML block between `---` lines at the top of a Markdown article.
struct FrontMatter {
    var id: String?
    var title: String?
    var url: String?
    var source: String?
    var byline: String?
    var date: WrittenDate?
    var updated: WrittenDate?
    /// Aliases whose value could not be read (`ArticleFieldKeys`).
    var warnings: [String] = []

    /// Splits raw (not yet cleaned, so YAML quoting is intact) `text` into front matter and the
    /// Markdown after it; no front matter when the first line is not `---` or the block is never
    /// closed by `---` or `...`. `unclosed` says the block was opened (a `---` line followed by a
    /// `key: value` line) but never closed, which is worth a warning: a first line `---` followed
    /// by ordinary text is a horizontal rule.
    static func split(_ text: String) -> (yaml: Substring?, markdown: Substring, unclosed: Bool) {
        let lines = text.rawLines()
        guard lines.count > 1, isFence(lines[0], closing: false) else { return (nil, text[...], false) }
        for index in 1..<lines.count where isFence(lines[index], closing: true) {
            let yaml = text[lines[1].startIndex..<lines[index].startIndex]
            let markdown = index + 1 < lines.count ? text[lines[index + 1].startIndex...] : text[text.endIndex...]
            return (yaml, markdown, false)
        }
        return (nil, text[...], isKeyLine(lines[1]))
    }

    /// `title: …`, `date:`: a YAML mapping key at the start of a line.
    private static func isKeyLine(_ line: Substring) -> Bool {
        guard let colon = line.firstIndex(of: ":"), let first = line.first, first.isLetter || first == "_" else {
            return false
        }
        let key = line[..<colon]
        let after = line[colon...].dropFirst()
        return key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            && (after.isEmpty || after.first == " " || after.first == "\t")
    }

    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        let text = line.trimmingBlanks()
        return text == "---" || (closing && text == "...")
    }

    /// Reads the keys Trawl knows (title, date, updated, url, source, byline, id), and when one is
    /// absent its other names (`ArticleFieldKeys`: `author`, `publishDate`, `lastmod`, ...); others
    /// are ignored. Every scalar is read as a string, so `title: yes` stays "yes".
    init(yaml: Substring) throws(ArticleParseError) {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: String(yaml), .basic)
        } catch {
            let detail = String(describing: error).split(separator: "\n").first.map(String.init) ?? ""
            throw ArticleParseError(
                reason: "front matter: invalid YAML (\(detail)); fix the block between the --- lines")
        }
        guard let loaded else { return }
        guard let map = loaded as? [String: Any] else {
            throw ArticleParseError(reason: "front matter: expected \"key: value\" lines, not a list or a single value")
        }
        id = try Self.text(map, "id")
        title = try Self.field(map, .title, warnings: &warnings)
        url = try Self.field(map, .url, warnings: &warnings)
        source = try Self.field(map, .source, warnings: &warnings)
        byline = try Self.field(map, .byline, warnings: &warnings)
        date = try Self.dateField(map, .date, warnings: &warnings)
        updated = try Self.dateField(map, .updated, warnings: &warnings)
    }

    /// Trawl's own key (strict), else the first readable alias.
    private static func field(_ map: [String: Any], _ keys: ArticleFieldKeys, warnings: inout [String]) throws(ArticleParseError)
        -> String?
    {
        if map[keys.own] != nil { return try text(map, keys.own) }
        return keys.alias(lookUp: { map[$0] }, "text", warnings: &warnings, { try? text($0, key: "") }, shown: shown)
    }

    private static func dateField(_ map: [String: Any], _ keys: ArticleFieldKeys, warnings: inout [String])
        throws(ArticleParseError) -> WrittenDate?
    {
        if map[keys.own] != nil { return try date(map, keys.own) }
        return keys.alias(
            lookUp: { map[$0] }, "a date Trawl reads", warnings: &warnings,
            { value in (try? text(value, key: "")).flatMap(NewsDateParser.read) }, shown: shown)
    }

    private static func shown(_ value: Any) -> String {
        if let text = value as? String { return "\"\(text.prefix(40))\"" }
        return value is [Any] ? "a list" : value is [String: Any] ? "a mapping" : "\(value)"
    }

    /// A string value, a mapping's `name` (`author: {name: Lee Park}`), or a list of either joined
    /// with ", "; nil when absent, empty or null.
    private static func text(_ map: [String: Any], _ key: String) throws(ArticleParseError) -> String? {
        guard let value = map[key] else { return nil }
        return try text(value, key: key)
    }

    /// `key`'s value as `text(_:_:)` reads it (`key` names it in the error).
    private static func text(_ value: Any, key: String) throws(ArticleParseError) -> String? {
        if let text = name(value) { return text.isEmpty ? nil : text }
        if let list = value as? [Any] {
            let names = list.compactMap(name)
            if names.count == list.count { return names.filter { !$0.isEmpty }.joined(separator: ", ").nonEmpty }
        }
        throw ArticleParseError(reason: "front matter: \"\(key)\" must be text (or a list of text)")
    }

    /// A string, or a mapping's `name`: "" for an empty or null one, nil for anything else.
    private static func name(_ value: Any) -> String? {
        if let string = value as? String { return clean(string) ?? "" }
        if let person = value as? [String: Any], let name = person["name"] as? String { return clean(name) ?? "" }
        return nil
    }

    private static func clean(_ value: String) -> String? {
        guard let text = TextNormalizer.cleanLine(value) else { return nil }
        return ["~", "null", "Null", "NULL"].contains(text) ? nil : text
    }

    private static func date(_ map: [String: Any], _ key: String) throws(ArticleParseError) -> WrittenDate? {
        guard let text = try text(map, key) else { return nil }
        guard let date = NewsDateParser.read(text) else {
            throw ArticleParseError(
                reason: "front matter: \"\(key)\" is not a date: \"\(text)\"; write it like 2025-05-15T11:13:00Z")
        }
        return date
    }
}
