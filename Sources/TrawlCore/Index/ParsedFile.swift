import Foundation

/// A file read and parsed off the writer's thread: its articles or why it failed.
struct ParsedFile: Sendable {
    var file: ScannedFile
    var key: FileKey
    var outcome: Result<[Article], ArticleParseError>

    /// Reads and parses many files in parallel (parsing is CPU work; the writer is single-threaded).
    static func parseAll(_ files: [ScannedFile], parser: ArticleParser) -> [ParsedFile] {
        let slots = ResultSlots<ParsedFile>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            slots.store(parse(files[index], parser: parser), at: index)
        }
        return slots.values()
    }

    static func parse(_ file: ScannedFile, parser: ArticleParser) -> ParsedFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file.absolutePath))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "\(error.localizedDescription)"
            return ParsedFile(
                file: file, key: FileKey(path: file.relativePath, size: file.size, modified: file.modified, hash: 0),
                outcome: .failure(ArticleParseError(reason: "cannot read the file: \(reason)")))
        }
        // The size recorded is what was read, so a file changed mid-read is re-read next time.
        let key = FileKey(
            path: file.relativePath, size: Int64(data.count), modified: file.modified, hash: ContentHash.fnv1a(data))
        let outcome = Result { () throws(ArticleParseError) -> [Article] in
            try parser.parse(data, relativePath: file.relativePath, format: file.format)
        }
        return ParsedFile(file: file, key: key, outcome: outcome)
    }
}

/// Fixed-size storage that concurrent workers fill at distinct indices.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    // NOTE: @unchecked is sound here: each index is written by exactly one worker, under the lock,
    // and read only after concurrentPerform has returned.
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [Value] { slots.compactMap { $0 } }
}
