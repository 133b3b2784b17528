import TrawlProtocol

/// The keys a JSON article's fields (and a Markdown file's front matter) are read from: Trawl's own
/// (`title`, `byline`, ...), whose value must be right or the article is refused; else, when it is
/// absent, the names schema.org gives the field (as JSON-LD pages and many feeds write them), the
/// usual feed names and those of static site generators (Hugo's `publishDate`, `lastmod`). A feed
/// with `headline`, `author` and `datePublished` lost its title, byline and date without a word.
/// An alias whose value cannot be read is passed over with a warning, and the article is kept.
struct ArticleFieldKeys {
    let own: String
    let aliases: [String]

    static let title = Self(own: "title", aliases: ["headline"])
    static let body = Self(own: "body", aliases: ["articleBody", "content_text"])
    static let url = Self(own: "url", aliases: ["link", "permalink", "mainEntityOfPage"])
    static let source = Self(own: "source", aliases: ["publisher"])
    static let byline = Self(own: "byline", aliases: ["author", "authors", "creator"])
    static let date = Self(
        own: "date",
        aliases: ["datePublished", "date_published", "published", "publishedAt", "published_at", "pubDate", "publishDate"])
    static let updated = Self(
        own: "updated", aliases: ["dateModified", "date_modified", "modified", "updatedAt", "updated_at", "lastmod"])

    /// Keys that often hold an article's text under another name, for the message about a missing body.
    static let otherBodyKeys = ["content", "text", "content_html", "description", "summary"]

    /// The first alias present, read with `read`; an alias it cannot read adds a warning (`what`:
    /// what its value should be) and the next one is tried.
    func alias<T>(
        in object: [String: WireValue], _ what: String, warnings: inout [String], _ read: (WireValue) -> T?
    ) -> T? {
        alias(lookUp: { object[$0].flatMap { $0 == .null ? nil : $0 } }, what, warnings: &warnings, read, shown: Self.shown)
    }

    /// The same over any key-value model (front matter's YAML).
    func alias<Value, T>(
        lookUp: (String) -> Value?, _ what: String, warnings: inout [String], _ read: (Value) -> T?,
        shown: (Value) -> String
    ) -> T? {
        for key in aliases {
            guard let value = lookUp(key) else { continue }
            if let read = read(value) { return read }
            warnings.append("\"\(key)\" is not \(what) (\(shown(value))), so it was not read as the article's \(own)")
        }
        return nil
    }

    private static func shown(_ value: WireValue) -> String {
        if let text = value.text { return "\"\(text.prefix(40))\"" }
        return value.typeName
    }
}
