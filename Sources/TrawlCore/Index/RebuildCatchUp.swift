/// A rebuild's catch-up (docs/design/watch.md): brings the generation it built (`gen-N.building`)
/// up to the articles root as it is now, in incremental passes (`Indexer.update`), so that the live
/// writer lock is held only for the last one, which has little left to do.
///
/// - Without the lock (`passesWithoutLock`): the files the live generation already holds as they
///   are on disk (its fingerprint of each is the file's), whose articles keep its change numbers;
///   files gone are removed. A file it does not hold yet is left for the lock: a number given to
///   it now could be one the live generation gives another article meanwhile (a watcher writes on),
///   and a subscriber who saw that one would never hear of this article.
/// - Under the lock (`passUnderLock`): everything still different (files changed since the last
///   pass, files left for the lock), with the live generation's numbers of that moment; new ones
///   count on from its counter. Then the numbers given without the lock are set against the live
///   generation of that moment (`SwitchNumbering`).
struct RebuildCatchUp {
    let indexer: Indexer
    /// The generation being caught up.
    let building: String
    /// The rebuild's counter: its build's numbers, then every pass's.
    let sequence: ChangeSequence
    /// What the pass under the lock sets right: the numbers given after the build-start counter.
    private let switchNumbering: SwitchNumbering
    /// The root as `building` holds it: the build's scan, then each pass's.
    private var scan: FileScanner
    /// The live generation's copies as the last pass read them.
    private var liveCopies: LiveCopies
    /// Changed files the last pass left for the next one.
    private var left = 0
    /// Files read or removed, in all and under the lock.
    private(set) var counts = CatchUpCounts()

    /// At most this many passes without the lock; another one only after a pass that read at
    /// least `anotherPassFrom` files: such a pass took long enough that more has landed meanwhile,
    /// which the next, shorter pass takes off the locked one.
    static let passesWithoutLock = 3
    static let anotherPassFrom = 16

    init(indexer: Indexer, building: String, builtFrom scan: FileScanner, liveCopies: LiveCopies, sequence: ChangeSequence) {
        self.indexer = indexer
        self.building = building
        self.scan = scan
        self.liveCopies = liveCopies
        self.sequence = sequence
        switchNumbering = SwitchNumbering(buildStart: liveCopies.last)
    }

    private var layout: IndexLayout { indexer.layout }
    private var stemLanguage: String { indexer.options.stemLanguage }

    /// The passes before the live writer lock; their changes go into `summary`.
    mutating func passesWithoutLock(summary: inout IndexSummary) throws(IndexerError) {
        for _ in 0..<Self.passesWithoutLock {
            let files = try pass(underLock: false, summary: &summary)
            counts.files += files
            if files < Self.anotherPassFrom { return }
        }
    }

    /// The last pass: call it holding the live writer lock, and switch before letting it go.
    mutating func passUnderLock(summary: inout IndexSummary) throws(IndexerError) {
        let files = try pass(underLock: true, summary: &summary)
        counts.files += files
        counts.locked = files
        try switchNumbering.apply(to: building, live: liveCopies, sequence: sequence, stemLanguage: stemLanguage)
    }

    /// One pass: a fresh scan, applied when it differs from what `building` holds.
    private mutating func pass(underLock: Bool, summary: inout IndexSummary) throws(IndexerError) -> Int {
        let now: FileScanner
        do { now = try FileScanner.scan(root: indexer.options.articlesRoot) } catch { throw .articlesRoot(error) }
        let changed = now.files != scan.files || left > 0
        // Nothing to read: the live generation's fingerprints and copies (a read of every article's)
        // wait for the pass under the lock, which reads them anyway.
        if !underLock, !changed { return 0 }
        // Read after the scan, and the fingerprints before the copies, so that the copies hold
        // whatever a fingerprint says the live generation holds.
        let ready: (ScannedFile) -> Bool = underLock ? { _ in true } : heldByLive()
        // What the live generation got meanwhile keeps its numbers; new ones count on from the larger counter.
        liveCopies = liveCopies.refreshed(layout, stemLanguage: stemLanguage)
        sequence.raise(to: liveCopies.last)
        guard changed else {
            // Compaction kept one build writer's `trawl.seq`, and the live counter may have moved:
            // the generation switched to must count on from the larger one.
            if underLock { try record(sequence, in: building) }
            return 0
        }
        let pass = try indexer.update(generation: building, scan: now, liveCopies: liveCopies, sequence: sequence, only: ready)
        summary.addCaughtUp(pass.summary)
        summary.documents = pass.summary.documents
        scan = now
        left = pass.left
        return pass.files
    }

    /// Which files a pass without the lock may read: those the live generation holds as they are
    /// on disk; all of them when there is no live generation (none can appear: the rebuild lock is
    /// held); none when it cannot be read.
    private func heldByLive() -> (ScannedFile) -> Bool {
        guard let live = layout.currentGeneration() else { return { _ in true } }
        do {
            var readers: [IndexReader] = []
            for path in layout.shardPaths(generation: live) { readers.append(try IndexReader(path: path, stemLanguage: stemLanguage)) }
            return try Manifest.load(from: readers).holds
        } catch {
            return { _ in false }
        }
    }

    /// Commits the counter's last number as the generation's `trawl.seq`.
    private func record(_ sequence: ChangeSequence, in folder: String) throws(IndexerError) {
        do {
            let writer = try openArticleWriter(
                shards: IndexLayout.shardPaths(in: folder), lexicon: IndexLayout.lexiconPath(in: folder),
                stemLanguage: stemLanguage, sequence: sequence)
            try writer.commit()
        } catch {
            throw .index(error)
        }
    }
}
