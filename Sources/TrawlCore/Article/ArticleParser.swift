import Foundation

/// Turns one file's bytes into the articles Trawl indexes.
///
/// Text is decoded strictly (UTF-8 only), cleaned with `TextNormalizer.clean`, stripped of
/// boilerplate, and split into metadata, title and body. Parsing is pure and the parser is
/// `Sendable`, so one instance can serve many indexing tasks at once.
public struct ArticleParser: Sendable {
    /// The boilerplate rules applied to every article body.
    public let boilerplate: BoilerplateRules
    /// Where a date written without a zone or offset is read (`indexing.timezone`).
    public let timeZone: TimeZone

    /// Creates a parser with the given boilerplate rules, reading dates without a zone in `timeZone`.
    public init(boilerplate: BoilerplateRules = .defaults, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.boilerplate = boilerplate
        self.timeZone = timeZone
    }

    /// Reads one file's bytes.
    ///
    /// - Parameters:
    ///   - contents: the file's bytes.
    ///   - relativePath: the path relative to the indexed root, used as the id
    ///     (a JSON article's `"id"` wins when present).
    ///   - format: how the file is laid out, usually `ArticleFormat(path:)`.
    /// - Returns: one article, or for JSON formats one per object; a bad line of a `.jsonl` (or item
    ///   of a JSON array) is in `problems`, named by its number, and the others are read.
    /// - Throws: `ArticleParseError` saying what is wrong with the file when nothing in it can be read.
    public func read(_ contents: Data, relativePath: String, format: ArticleFormat)
        throws(ArticleParseError) -> ParsedArticles
    {
        let text = try ArticleBytes.decode(contents)
        switch format {
        case .text:
            let lines = TextNormalizer.clean(text).trimmedLines()
            let fields = PageText(boilerplate: boilerplate).read(lines, knownTitle: nil, paragraphs: .eachLine)
            return ParsedArticles(articles: [try Self.article(id: relativePath, fields, timeZone: timeZone)])
        case .markdown:
            let page = try MarkdownPage(boilerplate: boilerplate).read(text)
            return ParsedArticles(articles: [try Self.article(id: page.id ?? relativePath, page.fields, timeZone: timeZone)], warnings: page.warnings)
        case .html:
            let fields = HTMLPage(boilerplate: boilerplate).read(text)
            return ParsedArticles(articles: [try Self.article(id: relativePath, fields, timeZone: timeZone)])
        case .json:
            return try JSONArticleReader(boilerplate: boilerplate, timeZone: timeZone).document(text, relativePath: relativePath)
        case .jsonLines:
            return try JSONArticleReader(boilerplate: boilerplate, timeZone: timeZone).lines(text, relativePath: relativePath)
        }
    }

    /// Reads one file strictly: any part that cannot be read fails the whole file (with that
    /// part's reason). For callers that want all or nothing, such as tests and the fuzzers.
    public func parse(_ contents: Data, relativePath: String, format: ArticleFormat)
        throws(ArticleParseError) -> [Article]
    {
        let parsed = try read(contents, relativePath: relativePath, format: format)
        if let problem = parsed.problems.first { throw problem }
        return parsed.articles
    }

    /// Builds the article, leaving out empty fields; fails when no title or body text is left.
    static func article(id: String, _ fields: PageFields, timeZone: TimeZone) throws(ArticleParseError) -> Article {
        let title = fields.title?.nonEmpty
        guard title != nil || !fields.body.isEmpty else { throw .noText }
        let url = fields.url?.nonEmpty
        // A page that gives only when it was updated was published by then: dated by it, rather than
        // left out of every date filter and histogram ("Updated 14:05 GMT, Monday 3 March 2025").
        let published = (fields.date ?? fields.updated)?.placed(in: timeZone)
        return Article(
            id: id, title: title, body: fields.body, url: url, site: url.flatMap(Self.site),
            source: fields.source?.nonEmpty, byline: fields.byline.flatMap(Self.byline),
            date: published?.date, updated: fields.updated?.placed(in: timeZone).date, dateOffset: published?.utcOffset)
    }

    /// A byline as the article's field holds it: without the leading "By" that pages, feeds and
    /// JSON-LD authors often keep ("By Kate Hill, Political Editor" is "Kate Hill, Political Editor").
    static func byline(_ text: String) -> String? {
        let lower = text.lowercased()
        return (lower.hasPrefix("by ") ? String(text.dropFirst(3).trimmingBlanks()) : text).nonEmpty
    }

    /// `https://www.bbc.com/news/…` → `bbc.com`.
    static func site(of url: String) -> String? {
        guard let host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)).nonEmpty : host
    }
}
