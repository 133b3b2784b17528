import Foundation

/// Reads an HTML article: metadata from `<meta>`, `<link>`, `<title>`, `<h1>` and `<time>`;
/// text from `<article>` (the longest one), else `<main>`, else `<body>`.
struct HTMLPage {
    let boilerplate: BoilerplateRules

    func read(_ html: String) -> PageFields {
        let document = HTMLDocument(tokens: HTMLTokenizer.tokenize(html))
        let meta = document.meta
        let title = [meta["og:title"], document.title, document.firstHeading, meta["twitter:title"]]
            .lazy.compactMap { $0.flatMap(Self.clean) }.first
        let text = document.articles.max { $0.utf8.count < $1.utf8.count }
            ?? (document.main.isEmpty ? document.body.text : document.main.text)
        let lines = TextNormalizer.normalize(text).trimmedLines()
        var page = PageText(boilerplate: boilerplate).read(lines, knownTitle: title, paragraphs: .eachLine)
        page.title = title ?? page.title
        page.url = (meta["canonical"] ?? meta["og:url"]).flatMap(Self.clean).flatMap(Self.absoluteURL) ?? page.url
        page.source = meta["og:site_name"].flatMap(Self.clean) ?? page.source
        page.byline = Self.author(meta) ?? page.byline
        let published = [meta["article:published_time"], meta["date"], meta["pubdate"], meta["dc.date"],
                         meta["datepublished"], document.timeAttribute]
        page.date = Self.firstDate(published) ?? page.date
        page.updated = Self.firstDate([meta["article:modified_time"], meta["og:updated_time"],
                                       meta["datemodified"]]) ?? page.updated
        return page
    }

    /// `meta name=author`, else `article:author` unless it is a profile URL; without a leading "By".
    private static func author(_ meta: [String: String]) -> String? {
        let candidates = [meta["author"], meta["article:author"], meta["byl"]].compactMap { $0.flatMap(clean) }
        guard let name = candidates.first(where: { !$0.hasPrefix("http://") && !$0.hasPrefix("https://") })
        else { return nil }
        let lower = name.lowercased()
        return lower.hasPrefix("by ") ? String(name.dropFirst(3).trimmingBlanks()).nonEmpty : name
    }

    private static func firstDate(_ values: [String?]) -> Date? {
        values.lazy.compactMap { $0.flatMap(clean).flatMap(NewsDateParser.parse) }.first
    }

    /// Only absolute http(s) URLs are kept; a relative canonical link names no site.
    private static func absoluteURL(_ url: String) -> String? {
        MetadataLine.isBareURL(url[...]) ? url : nil
    }

    /// Normalised, on one line, trimmed; nil when nothing is left.
    private static func clean(_ value: String) -> String? {
        let text = TextNormalizer.normalize(value)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        return words.joined(separator: " ").nonEmpty
    }
}
