import Foundation
import TrawlProtocol

/// The schema.org article a page describes in `<script type="application/ld+json">`: what news
/// sites give search engines, so usually the most exact metadata on the page.
///
/// Reads the first object typed `NewsArticle`, `Article`, `ReportageNewsArticle` (or another
/// article type) at the top level, in a top-level array or in `@graph`. `@type` may be a list.
/// Scripts that are not valid JSON are passed over (the page's other metadata is the fallback).
struct JSONLDArticle: Equatable {
    var headline: String?
    var datePublished: WrittenDate?
    var dateModified: WrittenDate?
    /// Author names joined by ", " (`author` may be a name, an object or a list of either).
    var author: String?
    /// `publisher.name`.
    var publisher: String?
    /// `url`, else `mainEntityOfPage` (a URL or an object with `@id`).
    var url: String?
    /// The article's text, for a page that leaves it to a script to show.
    var articleBody: String?

    static let articleTypes: Set<String> = [
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "BlogPosting", "LiveBlogPosting",
    ]

    /// The article described by the first script that describes one.
    init?(scripts: [String]) {
        for script in scripts {
            guard let value = try? WireJSONParser.parse(script), let object = Self.articleObject(in: value) else { continue }
            self.init(object)
            return
        }
        return nil
    }

    private init(_ object: [String: WireValue]) {
        headline = object["headline"]?.text.flatMap(Self.oneLine) ?? object["name"]?.text.flatMap(Self.oneLine)
        datePublished = object["datePublished"]?.text.flatMap(Self.oneLine).flatMap(NewsDateParser.read)
        dateModified = object["dateModified"]?.text.flatMap(Self.oneLine).flatMap(NewsDateParser.read)
        author = object["author"].flatMap(Self.names)
        publisher = object["publisher"].flatMap(Self.name)
        url = [object["url"], object["mainEntityOfPage"]].lazy.compactMap { $0.flatMap(Self.link) }.first
        articleBody = object["articleBody"]?.text.flatMap { $0.contains(where: { !$0.isWhitespace }) ? $0 : nil }
    }

    /// The article object in a JSON-LD value: the value itself, an element of a top-level array,
    /// an element of `@graph`, or a page's `mainEntity`.
    private static func articleObject(in value: WireValue) -> [String: WireValue]? {
        switch value {
        case .array(let elements):
            return elements.lazy.compactMap { articleObject(in: $0) }.first
        case .object(let object):
            if isArticle(object["@type"]) { return object }
            return object["@graph"].flatMap(articleObject(in:)) ?? object["mainEntity"].flatMap(articleObject(in:))
        default:
            return nil
        }
    }

    /// `"NewsArticle"`, `["NewsArticle", "Thing"]`, `"schema:NewsArticle"`, `"https://schema.org/NewsArticle"`.
    private static func isArticle(_ type: WireValue?) -> Bool {
        switch type {
        case .string(let name)?:
            let bare = name.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? name
            return articleTypes.contains(bare)
        case .array(let names)?:
            return names.contains { isArticle($0) }
        default:
            return false
        }
    }

    /// `"Jane Doe"`, `{"name": "Jane Doe"}` or a list of either.
    static func names(_ value: WireValue) -> String? {
        switch value {
        case .array(let elements):
            return elements.compactMap(name).joined(separator: ", ").nonEmpty
        default:
            return name(value)
        }
    }

    static func name(_ value: WireValue) -> String? {
        switch value {
        case .string(let text): oneLine(text)
        case .object(let object): object["name"]?.text.flatMap(oneLine)
        default: nil
        }
    }

    /// A URL string, or an object naming one in `@id` (or `url`).
    static func link(_ value: WireValue) -> String? {
        let text: String?
        switch value {
        case .string(let url): text = url
        case .object(let object): text = object["@id"]?.text ?? object["url"]?.text
        default: text = nil
        }
        guard let url = text?.trimmingBlanks(), MetadataLine.isBareURL(url) else { return nil }
        return String(url)
    }

    static func oneLine(_ text: String) -> String? {
        TextNormalizer.cleanLine(HTMLEntities.decode(Array(text.utf8)[...]))
    }
}
