import Foundation

/// Turns one file's bytes into the articles Trawl indexes.
///
/// Text is decoded strictly (UTF-8 only), normalised with `TextNormalizer`, stripped of
/// boilerplate, and split into metadata, title and body. Parsing is pure and the parser is
/// `Sendable`, so one instance can serve many indexing tasks at once.
public struct ArticleParser: Sendable {
    /// The boilerplate rules applied to every article body.
    public let boilerplate: BoilerplateRules

    /// Creates a parser with the given boilerplate rules.
    public init(boilerplate: BoilerplateRules = .defaults) {
        self.boilerplate = boilerplate
    }

    /// Parses one file's bytes.
    ///
    /// - Parameters:
    ///   - contents: the file's bytes.
    ///   - relativePath: the path relative to the indexed root, used as the id
    ///     (a JSON article's `"id"` wins when present).
    ///   - format: how the file is laid out, usually `ArticleFormat(path:)`.
    /// - Returns: one article, or for JSON formats one per object.
    /// - Throws: `ArticleParseError` saying what is wrong with the file. A `.jsonl` file with
    ///   one bad line fails as a whole, with the line number in the reason.
    public func parse(_ contents: Data, relativePath: String, format: ArticleFormat)
        throws(ArticleParseError) -> [Article]
    {
        let text = try ArticleBytes.decode(contents)
        switch format {
        case .text:
            let lines = TextNormalizer.normalize(text).trimmedLines()
            let fields = PageText(boilerplate: boilerplate).read(lines, knownTitle: nil, paragraphs: .eachLine)
            return [try Self.article(id: relativePath, fields)]
        case .markdown:
            let fields = try MarkdownPage(boilerplate: boilerplate).read(text)
            return [try Self.article(id: fields.id ?? relativePath, fields.page)]
        case .html:
            let fields = HTMLPage(boilerplate: boilerplate).read(text)
            return [try Self.article(id: relativePath, fields)]
        case .json:
            return try JSONArticleReader(boilerplate: boilerplate).document(text, relativePath: relativePath)
        case .jsonLines:
            return try JSONArticleReader(boilerplate: boilerplate).lines(text, relativePath: relativePath)
        }
    }

    /// Builds the article, leaving out empty fields; fails when no title or body text is left.
    static func article(id: String, _ fields: PageFields) throws(ArticleParseError) -> Article {
        let title = fields.title?.nonEmpty
        guard title != nil || !fields.body.isEmpty else { throw .noText }
        let url = fields.url?.nonEmpty
        return Article(
            id: id, title: title, body: fields.body, url: url, site: url.flatMap(Self.site),
            source: fields.source?.nonEmpty, byline: fields.byline?.nonEmpty,
            date: fields.date, updated: fields.updated)
    }

    /// `https://www.bbc.com/news/…` → `bbc.com`.
    static func site(of url: String) -> String? {
        guard let host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)).nonEmpty : host
    }
}
