import Foundation
import TrawlProtocol

/// Reads JSON articles: objects with `id`, `title`, `body` (required), `url`, `source`,
/// `byline`, `date` and `updated`, or their schema.org and feed names (`ArticleFieldKeys`); other
/// keys are ignored. JSON is read with the wire's reader (one JSON model in Trawl); its errors
/// are given as line and column. Warnings (an alias that could not be read) are given once per file.
///
/// A `.json` file holds one object (id defaults to the file's path) or an array of them
/// (id defaults to `path#N`, N counting from 1). A `.jsonl` file holds one object per line,
/// blank lines ignored, id defaulting to `path#N` with N the line number. A bad item or line is
/// reported with its number and the others are indexed; a file with no good article fails.
struct JSONArticleReader {
    let boilerplate: BoilerplateRules
    /// Where a date without a zone is read.
    let timeZone: TimeZone

    func document(_ text: String, relativePath: String) throws(ArticleParseError) -> ParsedArticles {
        switch try Self.decode(text) {
        case .object(let object):
            var warnings: [String] = []
            let read = try article(object, defaultID: relativePath, warnings: &warnings)
            return ParsedArticles(articles: [read], warnings: Self.distinct(warnings))
        case .array(let items):
            guard !items.isEmpty else { throw ArticleParseError(reason: "the array holds no articles") }
            var parsed = ParsedArticles(articles: [])
            for (offset, item) in items.enumerated() {
                let number = offset + 1
                do throws(ArticleParseError) {
                    guard case .object(let object) = item else {
                        throw ArticleParseError(reason: "not a JSON object but \(item.typeName)")
                    }
                    parsed.articles.append(try article(object, defaultID: "\(relativePath)#\(number)", warnings: &parsed.warnings))
                } catch {
                    parsed.problems.append(error.at("item \(number)"))
                }
            }
            parsed.warnings = Self.distinct(parsed.warnings)
            return try Self.someArticles(parsed)
        default:
            throw ArticleParseError(reason: "not a JSON object or an array of objects")
        }
    }

    func lines(_ text: String, relativePath: String) throws(ArticleParseError) -> ParsedArticles {
        var parsed = ParsedArticles(articles: [])
        let lines = text.rawLines()
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            do throws(ArticleParseError) {
                let value = try Self.decode(String(line), firstLine: number)
                guard case .object(let object) = value else {
                    throw ArticleParseError(reason: "not a JSON object but \(value.typeName)").at("line \(number)")
                }
                do throws(ArticleParseError) {
                    parsed.articles.append(try article(object, defaultID: "\(relativePath)#\(number)", warnings: &parsed.warnings))
                } catch {
                    throw error.at("line \(number)")
                }
            } catch {
                parsed.problems.append(error)
            }
        }
        guard !parsed.articles.isEmpty || !parsed.problems.isEmpty else {
            throw ArticleParseError(reason: "no JSON objects; the file has only blank lines")
        }
        parsed.warnings = Self.distinct(parsed.warnings)
        guard parsed.articles.isEmpty else { return parsed }
        // A first line that only opens an array or object: a pretty-printed JSON document.
        let opening = lines.first { $0.contains { !$0.isWhitespace } }?.trimmingBlanks()
        let hint = opening == "[" || opening == "{"
            ? "no line is a JSON article (a .jsonl file holds one JSON object per line; a JSON document "
                + "spread over several lines belongs in a .json file): " : ""
        return try Self.someArticles(parsed, hint: hint)
    }

    /// A file none of whose parts could be read fails as a whole (so its earlier articles stay).
    private static func someArticles(_ parsed: ParsedArticles, hint: String = "") throws(ArticleParseError)
        -> ParsedArticles
    {
        guard parsed.articles.isEmpty else { return parsed }
        throw ArticleParseError(reason: hint + ArticleParseError.joined(parsed.problems.map(\.reason)))
    }

    /// Parses JSON text; a syntax error names its line (counting from `firstLine`) and column.
    static func decode(_ text: String, firstLine: Int = 1) throws(ArticleParseError) -> WireValue {
        do {
            return try WireJSONParser.parse(text)
        } catch {
            let (line, column) = position(ofByte: error.offset, in: text)
            throw ArticleParseError(
                reason: "line \(firstLine + line - 1), column \(column): not valid JSON (\(error.problem)); check the syntax")
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    static func position(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        let bytes = text.utf8.prefix(offset)
        let line = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = bytes.lastIndex(of: UInt8(ascii: "\n")).map { bytes.index(after: $0) } ?? bytes.startIndex
        let column = String(decoding: bytes[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }

    private func article(_ object: [String: WireValue], defaultID: String, warnings: inout [String]) throws(ArticleParseError)
        -> Article
    {
        let lines = boilerplate.apply(to: TextNormalizer.clean(try Self.body(object, warnings: &warnings)).trimmedLines())
        var fields = PageFields()
        fields.body = BodyLayout.join(lines, .blankLineSeparated)
        fields.title = try Self.text(object, .title, warnings: &warnings) { $0.text.flatMap(JSONLDArticle.oneLine) }
        fields.url = try Self.text(object, .url, warnings: &warnings, JSONLDArticle.link)
        fields.source = try Self.text(object, .source, warnings: &warnings, JSONLDArticle.name)
        fields.byline = try Self.text(object, .byline, warnings: &warnings, JSONLDArticle.names)
        fields.date = try Self.date(object, .date, warnings: &warnings)
        fields.updated = try Self.date(object, .updated, warnings: &warnings)
        return try ArticleParser.article(id: try Self.id(object) ?? defaultID, fields, timeZone: timeZone)
    }

    /// The text of `body` (or of an alias): required.
    private static func body(_ object: [String: WireValue], warnings: inout [String]) throws(ArticleParseError) -> String {
        let keys = ArticleFieldKeys.body
        if let rawBody = object[keys.own], rawBody != .null {
            guard case .string(let bodyText) = rawBody else {
                throw ArticleParseError(reason: "\"body\" must be a string, not \(rawBody.typeName)")
            }
            return bodyText
        }
        if let aliased = keys.alias(in: object, "text", warnings: &warnings, { $0.text }) { return aliased }
        let named = ArticleFieldKeys.otherBodyKeys.first { object[$0]?.text != nil }
        throw ArticleParseError(
            reason: "missing \"body\"; every article needs its text as a string in \"body\""
                + (named.map { " (this one has \"\($0)\": if that is the article's text, name it \"body\")" } ?? ""))
    }

    /// A warning (the same for many articles of a file) is given once.
    private static func distinct(_ warnings: [String]) -> [String] {
        var seen = Set<String>()
        return warnings.filter { seen.insert($0).inserted }
    }
    /// A string or whole-number `id`.
    private static func id(_ object: [String: WireValue]) throws(ArticleParseError) -> String? {
        switch object["id"] {
        case nil, .null?: return nil
        case .string(let id)?: return id.isEmpty ? nil : id
        case .number(let number)?:
            guard let whole = number.integer else {
                throw ArticleParseError(reason: "\"id\" must be a string or a whole number, not \(number.literal)")
            }
            return String(whole)
        case let other?: throw ArticleParseError(reason: "\"id\" must be a string or a whole number, not \(other.typeName)")
        }
    }

    /// A cleaned string field on one line from Trawl's own key (which must hold a string), else
    /// from the first alias `alias` can read; nil when absent, null or empty.
    private static func text(
        _ object: [String: WireValue], _ keys: ArticleFieldKeys, warnings: inout [String], _ alias: (WireValue) -> String?
    ) throws(ArticleParseError) -> String? {
        switch object[keys.own] {
        case nil, .null?:
            return keys.alias(in: object, "text", warnings: &warnings, alias)
        case .string(let value)?:
            return TextNormalizer.cleanLine(value)
        case let other?:
            throw ArticleParseError(reason: "\"\(keys.own)\" must be a string, not \(other.typeName)")
        }
    }

    private static func date(_ object: [String: WireValue], _ keys: ArticleFieldKeys, warnings: inout [String])
        throws(ArticleParseError) -> WrittenDate?
    {
        switch object[keys.own] {
        case nil, .null?:
            return keys.alias(in: object, "a date Trawl reads", warnings: &warnings) {
                $0.text.flatMap(TextNormalizer.cleanLine).flatMap(NewsDateParser.read)
            }
        default:
            guard let text = try text(object, keys, warnings: &warnings, { _ in nil }) else { return nil }
            guard let date = NewsDateParser.read(text) else {
                throw ArticleParseError(reason: "\"\(keys.own)\" is not a date: \"\(text)\"; write it like 2025-05-15T11:13:00Z")
            }
            return date
        }
    }
}
