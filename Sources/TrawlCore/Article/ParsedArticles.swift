/// What one file gave: its articles, the parts of it that could not be read, and warnings.
public struct ParsedArticles: Sendable, Equatable {
    /// The articles read, in the order they appear in the file.
    public var articles: [Article]
    /// Parts of the file that were not indexed (a bad line of a `.jsonl`, a bad item of a JSON
    /// array), each naming where it is; the rest of the file is indexed.
    public var problems: [ArticleParseError] = []
    /// The file was indexed, but perhaps not as its writer meant (front matter never closed).
    public var warnings: [String] = []

    public init(articles: [Article], problems: [ArticleParseError] = [], warnings: [String] = []) {
        self.articles = articles
        self.problems = problems
        self.warnings = warnings
    }
}
