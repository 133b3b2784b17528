import Foundation

/// Reads JSON articles: objects with `id`, `title`, `body` (required), `url`, `source`,
/// `byline`, `date` and `updated`; other keys are ignored.
///
/// A `.json` file holds one object (id defaults to the file's path) or an array of them
/// (id defaults to `path#N`, N counting from 1). A `.jsonl` file holds one object per line,
/// blank lines ignored, id defaulting to `path#N` with N the line number. Any bad object
/// fails the whole file, with its line or item number in the reason, so a file is either
/// indexed completely or not at all.
struct JSONArticleReader {
    let boilerplate: BoilerplateRules

    func document(_ text: String, relativePath: String) throws(ArticleParseError) -> [Article] {
        switch try JSONValue.decode(Data(text.utf8)) {
        case .object(let object):
            return [try article(object, defaultID: relativePath)]
        case .array(let items):
            guard !items.isEmpty else { throw ArticleParseError(reason: "the array holds no articles") }
            var articles: [Article] = []
            for (offset, item) in items.enumerated() {
                let number = offset + 1
                guard case .object(let object) = item else {
                    throw ArticleParseError(reason: "item \(number): not a JSON object")
                }
                do throws(ArticleParseError) {
                    articles.append(try article(object, defaultID: "\(relativePath)#\(number)"))
                } catch {
                    throw error.at("item \(number)")
                }
            }
            return articles
        default:
            throw ArticleParseError(reason: "not a JSON object or an array of objects")
        }
    }

    func lines(_ text: String, relativePath: String) throws(ArticleParseError) -> [Article] {
        var articles: [Article] = []
        for (offset, line) in text.rawLines().enumerated() {
            let number = offset + 1
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            do throws(ArticleParseError) {
                guard case .object(let object) = try JSONValue.decode(Data(line.utf8)) else {
                    throw ArticleParseError(reason: "not a JSON object")
                }
                articles.append(try article(object, defaultID: "\(relativePath)#\(number)"))
            } catch {
                throw error.at("line \(number)")
            }
        }
        guard !articles.isEmpty else {
            throw ArticleParseError(reason: "no JSON objects; the file has only blank lines")
        }
        return articles
    }

    private func article(_ object: [String: JSONValue], defaultID: String) throws(ArticleParseError) -> Article {
        guard let rawBody = object["body"], rawBody != .null else {
            throw ArticleParseError(reason: "missing \"body\"; every article needs its text as a string in \"body\"")
        }
        guard case .string(let bodyText) = rawBody else {
            throw ArticleParseError(reason: "\"body\" must be a string, not \(rawBody.kind)")
        }
        let lines = boilerplate.apply(to: TextNormalizer.normalize(bodyText).trimmedLines())
        var fields = PageFields()
        fields.body = BodyLayout.join(lines, .blankLineSeparated)
        fields.title = try Self.text(object, "title")
        fields.url = try Self.text(object, "url")
        fields.source = try Self.text(object, "source")
        fields.byline = try Self.text(object, "byline")
        fields.date = try Self.date(object, "date")
        fields.updated = try Self.date(object, "updated")
        return try ArticleParser.article(id: try Self.id(object) ?? defaultID, fields)
    }

    /// A string or whole-number `id`.
    private static func id(_ object: [String: JSONValue]) throws(ArticleParseError) -> String? {
        switch object["id"] {
        case nil, .null?: return nil
        case .string(let id)?: return id.isEmpty ? nil : id
        case .integer(let id)?: return String(id)
        case let other?: throw ArticleParseError(reason: "\"id\" must be a string or a whole number, not \(other.kind)")
        }
    }

    /// A normalised string field on one line; nil when absent, null or empty.
    private static func text(_ object: [String: JSONValue], _ key: String) throws(ArticleParseError) -> String? {
        switch object[key] {
        case nil, .null?:
            return nil
        case .string(let value)?:
            let words = TextNormalizer.normalize(value).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            return words.joined(separator: " ").nonEmpty
        case let other?:
            throw ArticleParseError(reason: "\"\(key)\" must be a string, not \(other.kind)")
        }
    }

    private static func date(_ object: [String: JSONValue], _ key: String) throws(ArticleParseError) -> Date? {
        guard let text = try text(object, key) else { return nil }
        guard let date = NewsDateParser.parse(text) else {
            throw ArticleParseError(reason: "\"\(key)\" is not a date: \"\(text)\"; write it like 2025-05-15T11:13:00Z")
        }
        return date
    }
}
