import Foundation
import TrawlCore
import TrawlProtocol

/// One group commit of pushed changes, on the writer thread: under the live writer lock, each
/// change is checked against who holds its id, the files are written (or removed) durably with
/// one folder sync for the batch, and the batch is indexed by `LiveBatch` (the incremental
/// pipeline `--watch` uses) in one commit. Answers come back in the changes' order.
struct PushBatch {
    let live: LiveBatch
    let folder: IngestFolder
    let parser: ArticleParser
    let layout: IndexLayout
    /// Room the index must have left for the batch to be written (`ingest.min_free_mb`, `IndexRoom`).
    let minimumRoom: Int64

    /// What the batch writes: for each file (relative to the root) its new content, or nil to remove it.
    private typealias Files = [String: [UInt8]?]

    func run(_ changes: [PushedChange]) -> [Result<CommittedChange, ProtocolError>] {
        let lock: WriterLock
        do {
            // Never nil: it waits as long as it takes (a watch batch or incremental run holds it briefly).
            lock = try WriterLock.waiting(path: layout.lockFile, purpose: "trawld put/delete") { true }!
        } catch {
            return changes.map { _ in .failure(ProtocolError(.internal, error.description)) }
        }
        return withExtendedLifetime(lock) { commit(changes) }
    }

    private func commit(_ changes: [PushedChange]) -> [Result<CommittedChange, ProtocolError>] {
        var files = Files()
        var owners: [String: String?] = [:]  // ids this batch already placed or removed
        var results: [Result<CommittedChange, ProtocolError>] = []
        for change in changes {
            results.append(Result { () throws(ProtocolError) in try plan(change, files: &files, owners: &owners) })
        }
        guard !files.isEmpty else {
            let seq = CommittedSeq.read(layout)
            return results.map { result in result.map { CommittedChange(seq: seq, deleted: $0.deleted) } }
        }
        if let refusal = roomRefusal() { return results.map { result in result.flatMap { _ in .failure(refusal) } } }
        do {
            try write(files)
            let outcome = try live.apply(Set(files.keys))
            let failed = Dictionary(outcome.summary.failures.map { ($0.path, $0.reason) }) { first, _ in first }
            let seq = CommittedSeq.read(layout)
            return zip(changes, results).map { change, result in
                let path = folder.relativePath(for: change.id)
                if case .success = result, let reason = failed[path] {
                    return .failure(ProtocolError(.internal, "\(path) was stored but not indexed: \(reason)"))
                }
                return result.map { CommittedChange(seq: seq, deleted: $0.deleted) }
            }
        } catch {
            let failure = Self.failure(error)
            return results.map { result in result.flatMap { _ in .failure(failure) } }
        }
    }

    /// Checks one change against the index and the batch so far, and records the file it writes.
    /// trawld replaces and removes only the files it wrote: an id held by another file is refused,
    /// naming that file (removing only the document would not last: the next run reads the file again).
    private func plan(_ change: PushedChange, files: inout Files, owners: inout [String: String?]) throws(ProtocolError)
        -> CommittedChange
    {
        let path = folder.relativePath(for: change.id)
        let owner: String?
        if let placed = owners[change.id] { owner = placed } else {
            do { owner = try live.owner(of: change.id) } catch { throw Self.failure(error) }
        }
        if let owner, owner != path {
            let held = "article \(UserText.quoted(change.id)) comes from the file \(folder.root)/\(owner)"
            switch change {
            case .put: throw ProtocolError(.badRequest, "\(Keys.article).\(Keys.id): \(held); change or remove that file instead")
            case .delete: throw ProtocolError(.badRequest, "\(Keys.article): \(held), not from a put; remove that file to delete it")
            }
        }
        switch change {
        case .put(let article):
            files[path] = try stored(article, at: path)
            owners[change.id] = .some(path)
            return CommittedChange(seq: 0)
        case .delete:
            // A stored file whose indexing failed has no document yet, but would bring it back later.
            guard owner != nil || access(folder.root + "/" + path, F_OK) == 0 else { return CommittedChange(seq: 0, deleted: false) }
            files[path] = .some(nil)
            owners[change.id] = .some(nil)
            return CommittedChange(seq: 0, deleted: true)
        }
    }

    /// The article as its JSON file, once the indexer's own reading of that file has given back
    /// the article under the same id (so a bad date is refused now, not found failing later).
    private func stored(_ article: PushedArticle, at path: String) throws(ProtocolError) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in article.write(into: &json) }
        let bytes = json.bytes + [UInt8(ascii: "\n")]
        let read: [Article]
        do { read = try parser.parse(Data(bytes), relativePath: path, format: .json) } catch {
            throw ProtocolError(.badRequest, "\(Keys.article): \(error.reason)")
        }
        guard read.count == 1, read[0].id == article.id else {
            throw ProtocolError(.internal, "the stored file would not give back the id \(UserText.quoted(article.id))")
        }
        return bytes
    }

    /// Writes and removes the batch's files, then syncs the folder once.
    private func write(_ files: Files) throws(DurableFileError) {
        for (path, content) in files {
            if let content { try DurableFiles.write(content, to: folder.root + "/" + path) } else {
                _ = try DurableFiles.remove(folder.root + "/" + path)
            }
        }
        try DurableFiles.syncFolder(folder.path)
    }

    /// Why the batch must not be written, when the index has less room left than `minimumRoom`.
    private func roomRefusal() -> ProtocolError? {
        guard let shortfall = IndexRoom.shortfall(in: layout, minimum: minimumRoom) else { return nil }
        return ProtocolError(.internal, "nothing was written: \(shortfall); free space on the index's file system")
    }

    private static func failure(_ error: any Error) -> ProtocolError {
        if case .noIndex(let path) = error as? IndexerError {
            return ProtocolError(.noIndex, "there is no index at \(path) yet: build one with trawl-index before pushing articles")
        }
        return ProtocolError(.internal, "the change was not committed: \(error)")
    }
}
