import Foundation

/// Reads an HTML article: metadata from schema.org JSON-LD first, then `<meta>` (OpenGraph and
/// others), `<link>`, `<title>`, `<h1>` and `<time datetime>`; text from the `<article>` that is
/// the story (`storyText`), else `<main>`, else `<body>`, else JSON-LD's `articleBody`.
struct HTMLPage {
    let boilerplate: BoilerplateRules

    func read(_ html: String) -> PageFields {
        let document = HTMLDocument(tokens: HTMLTokenizer.tokenize(html))
        let meta = document.meta
        let ld = JSONLDArticle(scripts: document.jsonLDScripts)
        let title = [ld?.headline, meta["og:title"], document.title, document.firstHeading, meta["twitter:title"]]
            .lazy.compactMap { $0.flatMap(TextNormalizer.cleanLine) }.first
        var text = Self.storyText(document)
        if !text.contains(where: { !$0.isWhitespace }), let articleBody = ld?.articleBody { text = articleBody }
        let lines = Self.droppingTimeLines(TextNormalizer.clean(text).trimmedLines(), document.timeTexts)
        var page = PageText(boilerplate: boilerplate).read(lines, knownTitle: title, paragraphs: .eachLine)
        page.title = title ?? page.title
        page.url = ld?.url ?? (meta["canonical"] ?? meta["og:url"]).flatMap(TextNormalizer.cleanLine).flatMap(Self.absoluteURL) ?? page.url
        page.source = ld?.publisher ?? meta["og:site_name"].flatMap(TextNormalizer.cleanLine) ?? page.source
        page.byline = ld?.author ?? Self.author(meta) ?? page.byline
        let published = [meta["article:published_time"], meta["date"], meta["pubdate"], meta["dc.date"],
                         meta["datepublished"], document.timeAttribute]
        page.date = ld?.datePublished ?? Self.firstDate(published) ?? page.date
        page.updated = ld?.dateModified ?? Self.firstDate([meta["article:modified_time"], meta["og:updated_time"],
                                                          meta["datemodified"]]) ?? page.updated
        return page
    }

    /// The page's story: an `<article>` when one is the story, else all of `<main>` (or `<body>`).
    /// Pages also use `<article>` for teaser cards, comments and the posts of a live blog: the
    /// longest of those stood for the page, and the story around them was lost. An article is the
    /// story when it is the page's only one or holds its `<h1>`, and is at least a quarter of the
    /// page's text; among several without the `<h1>`, the longest is when it is half the text.
    static func storyText(_ document: HTMLDocument) -> String {
        let page = document.main.isEmpty ? document.body.text : document.main.text
        guard let longest = document.articles.max(by: { $0.text.utf8.count < $1.text.utf8.count }) else { return page }
        let share = Double(longest.text.utf8.count) / Double(max(1, page.utf8.count))
        let isTheStory = (document.articles.count == 1 || longest.holdsHeading) ? share >= 0.25 : share >= 0.5
        return isTheStory ? longest.text : page
    }

    /// A `<time datetime>` element's text standing alone on a line at the top of the text is the
    /// page's date (read from the attribute), not the start of the body.
    private static func droppingTimeLines(_ lines: [String], _ timeTexts: [String]) -> [String] {
        guard !timeTexts.isEmpty else { return lines }
        let times = Set(timeTexts.compactMap { TextNormalizer.cleanLine($0) })
        var realLines = 0
        return lines.filter { line in
            guard !line.isEmpty, realLines < PageText.headLineCount else { return true }
            if times.contains(line) { return false }
            realLines += 1
            return true
        }
    }

    /// `meta name=author`, else `article:author` unless it is a profile URL (a leading "By" goes
    /// with every byline, `ArticleParser.byline`).
    private static func author(_ meta: [String: String]) -> String? {
        let candidates = [meta["author"], meta["article:author"], meta["byl"]].compactMap { $0.flatMap(TextNormalizer.cleanLine) }
        return candidates.first(where: { !$0.hasPrefix("http://") && !$0.hasPrefix("https://") })
    }

    private static func firstDate(_ values: [String?]) -> WrittenDate? {
        values.lazy.compactMap { $0.flatMap(TextNormalizer.cleanLine).flatMap(NewsDateParser.read) }.first
    }

    /// Only absolute http(s) URLs are kept; a relative canonical link names no site.
    private static func absoluteURL(_ url: String) -> String? {
        MetadataLine.isBareURL(url[...]) ? url : nil
    }
}
