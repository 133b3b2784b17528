/// Writes parsed files into one writer: replaces a changed file's articles as a unit, keeps
/// a failed file's old articles, refuses a second article with an id already written in this
/// run, and commits every so often.
final class ArticleSink {
    let writer: IndexWriter
    /// A fresh database (a rebuild's shard): articles are added without looking up their id,
    /// since this sink already keeps ids unique.
    private let fresh: Bool
    private let commitEvery: Int
    private var pending = 0
    /// id -> file, for the articles written in this run.
    private(set) var writtenIDs: [String: String] = [:]
    private(set) var firstArticleID: String?

    init(writer: IndexWriter, fresh: Bool = false, commitEvery: Int) {
        self.writer = writer
        self.fresh = fresh
        self.commitEvery = max(1, commitEvery)
    }

    func write(_ parsed: ParsedFile, previous: Manifest.Entry?, summary: inout IndexSummary) throws(TrawlError) {
        let path = parsed.file.relativePath
        let articles: [Article]
        switch parsed.outcome {
        case .failure(let error):
            summary.failed += 1
            summary.failures.append(FileProblem(path: path, reason: error.reason))
            return  // whatever was indexed from this file before stays
        case .success(let parsedArticles):
            articles = parsedArticles
        }
        if previous != nil { try writer.deleteFile(path: path) }
        var written = 0
        var duplicates: [String] = []
        for article in articles {
            if let other = writtenIDs[article.id] {
                duplicates.append("article id '\(article.id)' is also in \(other)")
                continue
            }
            let fields = IndexedFields(
                path: path, fileKey: parsed.key.encoded, duplicateKey: DuplicateKey.of(body: article.body),
                storedData: StoredArticle.encode(article, path: path))
            if fresh { try writer.add(article, fields: fields) } else { try writer.put(article, fields: fields) }
            writtenIDs[article.id] = path
            if firstArticleID == nil { firstArticleID = article.id }
            written += 1
        }
        if !duplicates.isEmpty {
            summary.failed += 1
            summary.failures.append(FileProblem(
                path: path, reason: duplicates.joined(separator: "; ") + "; ids must be unique, so these were not indexed"))
        }
        switch previous {
        case .some(let entry) where entry.key.hash == parsed.key.hash: summary.unchanged += written  // touched only
        case .some: summary.updated += written
        case .none: summary.added += written
        }
        pending += max(written, 1)
        if pending >= commitEvery {
            try writer.commit()
            pending = 0
        }
    }
}
