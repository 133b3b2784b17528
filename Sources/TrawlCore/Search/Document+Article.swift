import TrawlProtocol

extension Document {
    /// `get`'s view of a stored article: dates in the wire's forms.
    public init(_ article: Article) {
        self.init(
            id: article.id, title: article.title, source: article.source, url: article.url, site: article.site,
            date: article.date.map(WireDate.format), day: article.publishedDay.map(Day.wire),
            updated: article.updated.map(WireDate.format), byline: article.byline, body: article.body)
    }
}
