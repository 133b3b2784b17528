import Foundation

/// What stops an unattended incremental run from emptying an archive: a wrong root (a typo, a
/// subfolder of the real one) re-keys or deletes every article, and an unmounted share looks
/// like a folder whose files were all deleted. Both are refused before the index is touched.
struct UpdateGuard {
    let options: IndexerOptions

    /// - Parameters:
    ///   - recordedRoot: the index's `trawl.articles_root` ("" for an index built before it was
    ///     recorded, which adopts the root of this run).
    ///   - documents: articles in the index.
    ///   - deleting: articles whose files are gone from the root.
    ///   - stillLeaving: of those, the ones whose ids no other file holds now (costly: it reads
    ///     the new and changed files), asked only when `deleting` alone is too many.
    func check(
        recordedRoot: String, documents: Int, deleting: () -> Int, stillLeaving: () -> Int
    ) throws(IndexerError) {
        if !options.allowRootChange, !recordedRoot.isEmpty, isNewRoot(recordedRoot: recordedRoot) {
            throw .rootChanged(recorded: recordedRoot, requested: options.articlesRoot)
        }
        guard !options.allowMassDelete, tooMany(deleting(), of: documents) else { return }
        let leaving = stillLeaving()
        if tooMany(leaving, of: documents) {
            throw .massDelete(deleting: leaving, documents: documents, maxShare: options.maxDeleteShare, root: options.articlesRoot)
        }
    }

    /// All of a non-empty index, or more than `maxDeleteShare` of it.
    private func tooMany(_ deleting: Int, of documents: Int) -> Bool {
        deleting > 0 && (deleting >= documents || Double(deleting) > options.maxDeleteShare * Double(documents))
    }

    /// Whether the run's root is to be recorded: none was (an older index), or it is another
    /// folder (a root change let through). Another path to the recorded folder (a symbolic link)
    /// leaves the recorded one, so the index keeps the name it was built from.
    func isNewRoot(recordedRoot: String) -> Bool {
        recordedRoot.isEmpty || !Self.sameFolder(recordedRoot, options.articlesRoot)
    }

    /// The same path, or two paths to one folder (a symbolic link to it).
    static func sameFolder(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let realA = realpath(a, nil), realB = realpath(b, nil)
        defer { free(realA); free(realB) }
        guard let realA, let realB else { return false }
        return strcmp(realA, realB) == 0
    }
}
