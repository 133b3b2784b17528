import Foundation

/// A file read and parsed off the writer's thread: its articles (and problems), or why it failed.
struct ParsedFile: Sendable {
    var file: ScannedFile
    var key: FileKey
    var outcome: Result<ParsedArticles, ArticleParseError>

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
        switch readContents(of: file.absolutePath) {
        case .success(let contents): data = contents
        case .failure(let error):
            return ParsedFile(
                file: file, key: FileKey(path: file.relativePath, size: file.size, modified: file.modified, hash: 0),
                outcome: .failure(error))
        }
        // The size recorded is what was read, so a file changed mid-read is re-read next time.
        let key = FileKey(
            path: file.relativePath, size: Int64(data.count), modified: file.modified, hash: ContentHash.fnv1a(data))
        let outcome = Result { () throws(ArticleParseError) -> ParsedArticles in
            try parser.read(data, relativePath: file.relativePath, format: file.format)
        }
        return ParsedFile(file: file, key: key, outcome: outcome)
    }

    /// Reads a whole file. The scan saw a regular file, but it may have been replaced since:
    /// opening without blocking means a FIFO put in its place cannot hang the run, and anything
    /// that is not a regular file any more is refused.
    static func readContents(of path: String) -> Result<Data, ArticleParseError> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.unreadable(POSIXFailure("cannot read the file"))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(POSIXFailure("cannot read the file"))) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(ArticleParseError(reason: "not a regular file any more (replaced while it was being indexed?)"))
        }
        var data = Data(capacity: Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return .success(data) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(POSIXFailure("cannot read the file")))
            }
            data.append(contentsOf: chunk[0..<count])
        }
    }
}

extension ArticleParseError {
    static func unreadable(_ failure: POSIXFailure) -> ArticleParseError { ArticleParseError(reason: failure.description) }
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
