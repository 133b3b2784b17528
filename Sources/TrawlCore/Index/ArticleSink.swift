/// Writes parsed files into one writer (a database or a generation's shards), article by article: an article whose stored data is
/// unchanged is not written again; articles gone from a changed file are deleted (after a clean
/// read only); a failed file's old articles stay; ids are kept unique by `DuplicateArticle`'s rule; commits every so often.
final class ArticleSink {
    let writer: any ArticleWriting
    /// A fresh database (a rebuild's shard): articles are added without looking up their id,
    /// since this sink already keeps ids unique.
    private let fresh: Bool
    private let commitEvery: Int
    private var pending = 0
    /// What the index holds, kept up to date as this sink writes (the live generation's, then this
    /// run's): its owners always; its files' entries too unless `fresh` (a rebuild's writers never
    /// look them up), so that a long-lived caller (`--watch`) can keep writing against it.
    private(set) var manifest: Manifest
    /// article id -> the file whose article the index holds.
    var owners: [String: String] { manifest.owners }
    /// Articles left out for their id, so far.
    private(set) var duplicates: [DuplicateArticle] = []
    /// Files this sink has read in this run (their problems are already reported).
    private var read = Set<String>()
    /// Files not read in this run whose article was replaced by an earlier file's: reported at `finish`.
    private var displaced: [DuplicateArticle] = []
    /// A rebuild's: the live generation's articles, whose unchanged ones keep their change numbers;
    /// an incremental run's when files vanished: an article that only moved keeps its number.
    private let liveCopies: LiveCopies
    /// Articles of files that vanished in this run: their file and the hash of their stored data,
    /// so that an article found again, unchanged, in another file counts as moved (`store`).
    private var moved: [String: (path: String, hash: UInt64)] = [:]

    /// Puts each article written into its copies group and story (a rebuild groups the whole generation afterwards instead).
    private let grouping: ArticleGrouping
    /// What is left of the groups articles rewritten or deleted were in.
    private let leaving: GroupLeaving

    init(
        writer: any ArticleWriting, fresh: Bool = false, manifest: Manifest = Manifest(), liveCopies: LiveCopies = .none,
        commitEvery: Int, storyWindowDays: Int = StoryGrouper.defaultWindowDays
    ) {
        self.writer = writer
        self.fresh = fresh
        self.liveCopies = liveCopies
        grouping = ArticleGrouping(state: writer, storyWindowDays: storyWindowDays)
        leaving = GroupLeaving(writer: writer)
        self.manifest = manifest
        self.commitEvery = max(1, commitEvery)
    }

    func write(_ parsed: ParsedFile, previous: Manifest.Entry?, summary: inout IndexSummary) throws(TrawlError) {
        let path = parsed.file.relativePath
        read.insert(path)
        let file: ParsedArticles
        switch parsed.outcome {
        case .failure(let error):
            summary.failures.append(FileProblem(path: path, reason: error.reason))
            return  // whatever was indexed from this file before stays
        case .success(let parsedFile):
            file = parsedFile
        }
        summary.failures += file.problems.map { FileProblem(path: path, reason: $0.reason) }
        summary.warnings += file.warnings.map { FileProblem(path: path, reason: $0) }
        let legacy = (previous?.legacyArticles ?? 0) > 0
        if legacy { try writer.deleteFile(path: path) }
        let known = legacy ? [:] : previous?.articleHashes ?? [:]

        var kept = Set<String>()
        var hashes: [String: UInt64] = [:]
        var clean = file.problems.isEmpty && file.warnings.isEmpty
        for article in file.articles {
            if let winner = winner(for: article.id, from: path, keptHere: kept) {
                duplicates.append(DuplicateArticle(id: article.id, path: path, keptIn: winner))
                clean = false
                continue
            }
            kept.insert(article.id)
            hashes[article.id] = try store(article, from: path, previousHash: known[article.id], summary: &summary)
        }
        // An article no longer in the file goes, unless the read had bad lines or items: one of
        // them may hold it (a typo must not cost an article), so it stays until a clean read.
        let gone = file.problems.isEmpty ? known.keys.filter { !kept.contains($0) && owners[$0] == path } : []
        let groupsOfGone = try leaving.groups(of: gone)
        for id in gone {
            try writer.delete(id: id)
            manifest.owners[id] = nil
            summary.deleted += 1
            pending += 1
        }
        try leaving.settle(groupsOfGone)
        try setFingerprint(clean ? parsed.key : nil, of: path, previous: previous?.key)
        if !fresh {
            // Articles a read with problems left in place stay this file's.
            let stayed = known.filter { !kept.contains($0.key) && manifest.owners[$0.key] == path }
            manifest.files[path] = Manifest.Entry(key: clean ? parsed.key : nil, articleHashes: hashes.merging(stayed) { new, _ in new })
        }
        if pending >= commitEvery {
            try writer.commit()
            pending = 0
        }
    }

    /// Writes one article, unless the index already holds it from this file with the same stored data.
    /// Returns the hash of its stored data.
    private func store(_ article: Article, from path: String, previousHash: UInt64?, summary: inout IndexSummary)
        throws(TrawlError) -> UInt64
    {
        let storedData = StoredArticle.encode(article, path: path)
        let hash = ContentHash.fnv1a(storedData.utf8)
        if owners[article.id] == path, previousHash == hash {
            summary.unchanged += 1
            return hash
        }
        let displacedOwner = owners[article.id].flatMap { $0 == path ? nil : $0 }
        if let displacedOwner { displaced.append(DuplicateArticle(id: article.id, path: displacedOwner, keptIn: path)) }
        // An article that only moved to another file (a feed renamed) is the same article: it keeps
        // its change number, so that alerts do not announce it again, and counts as unchanged (one
        // changed on the way counts as updated).
        let movedFrom = moved.removeValue(forKey: article.id)
        let unchangedMove = movedFrom.map { ContentHash.fnv1a(StoredArticle.encode(article, path: $0.path).utf8) == $0.hash } ?? false
        let seq = unchangedMove ? movedFrom.flatMap { liveCopies.seq(of: article.id, hash: $0.hash) } : liveCopies.seq(of: article.id, hash: hash)
        let signature = CopySignature(body: TextNormalizer.normalize(article.body))
        let fields = IndexedFields(
            path: path, fileKey: ArticleKey(path: path, hash: hash, id: article.id).encoded,
            copySignature: signature, storedData: storedData, seq: seq)
        if fresh {
            try writer.add(article, fields: fields)  // grouped by the rebuild's pass over the whole generation
        } else {
            // The article rewritten is in no group until assigned again; what it left is settled
            // first, so that a name the old group no longer holds is free for the new one. (A new
            // id was in none: no lookup.)
            let groupsBefore = owners[article.id] == nil ? [:] : try leaving.groups(of: [article.id])
            try writer.put(article, fields: fields)
            try leaving.settle(groupsBefore)
            try grouping.assign(id: article.id, sortKey: article.date.map(WireDate.sortKey) ?? "", signature: signature)
        }
        manifest.owners[article.id] = path
        if movedFrom != nil { summary.deleted -= 1 }  // counted when its old file was forgotten
        if unchangedMove {
            summary.unchanged += 1
        } else if previousHash != nil || movedFrom != nil || displacedOwner != nil {  // the id's article is replaced
            summary.updated += 1
        } else {
            summary.added += 1
        }
        pending += 1
        return hash
    }

    /// The file whose article keeps `id` when `path` also has one, or nil when `path`'s is indexed.
    private func winner(for id: String, from path: String, keptHere: Set<String>) -> String? {
        if keptHere.contains(id) { return path }
        guard let owner = owners[id], owner != path else { return nil }
        // An owner this run has not read yet may have dropped the id; it is checked when read.
        return DuplicateArticle.wins(owner, over: path) ? owner : nil
    }

    /// Records a clean read's fingerprint, or removes it so that the file is read again next time.
    private func setFingerprint(_ key: FileKey?, of path: String, previous: FileKey?) throws(TrawlError) {
        guard key != previous else { return }
        try writer.setMetadata(FileFingerprint.key(for: path), key?.encoded ?? "")
    }

    /// After the last file: files not read in this run whose article an earlier file took over
    /// are reported, and read again next time.
    func finish(summary: inout IndexSummary) throws(TrawlError) {
        for loser in displaced where !read.contains(loser.path) && owners[loser.id] == loser.keptIn {
            duplicates.append(loser)
            // A run over every file counted the loser's article as unchanged; a watch batch, which
            // reads only its own paths, counted nothing.
            if summary.unchanged > 0 { summary.unchanged -= 1 }
            try writer.setMetadata(FileFingerprint.key(for: loser.path), "")
            manifest.files[loser.path]?.key = nil
        }
        displaced = []
        summary.failures += duplicates.map(\.problem)
        duplicates = []
        summary.combineFailuresByFile()
    }
}

extension ArticleSink {
    /// Deletes the articles of a file that is gone, and its fingerprint.
    func forget(file path: String, entry: Manifest.Entry) throws(TrawlError) {
        let groupsOfGone = try leaving.groups(of: entry.articleHashes.keys.filter { owners[$0] == path })
        try writer.deleteFile(path: path)
        try leaving.settle(groupsOfGone)
        for (id, hash) in entry.articleHashes where owners[id] == path {
            manifest.owners[id] = nil
            moved[id] = (path, hash)
        }
        if entry.key != nil { try writer.setMetadata(FileFingerprint.key(for: path), "") }
        manifest.files[path] = nil
    }
}
