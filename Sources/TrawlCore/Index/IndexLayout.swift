import Foundation

/// Where an index lives on disk:
///
/// ```
/// index/current        Xapian stub file ("auto gen-7"): the live generation, switched by rename
/// index/gen-7/         live generation: a Xapian database (one shard)
/// index/gen-7/shard-0  ... or with indexing.shards K > 1, K databases, and `current` lists them
///                      ("auto gen-7/shard-0", "auto gen-7/shard-1", ... in shard order)
/// index/gen-7/lexicon  ... beside them, a database without documents: the spelling data of all
///                      shards, the synonyms and the generation's metadata (the query parser's)
/// index/gen-6/         previous generation, kept for rollback
/// index/gen-8.shards/  a rebuild's writers' databases (one per writer and shard), merged into gen-8.building
/// index/gen-8.building a rebuild in progress; debris if a rebuild was killed
/// index/publish/       one-line stubs of the live generation's shards for xapian-replicate (IndexLayout+Publish)
/// index/.lock          the live writer lock: held by whatever writes the live generation (an
///                      incremental run, each `--watch` batch, a rebuild's last catch-up pass and switch, a rollback)
/// index/.rebuild.lock  the rebuild lock: held by a rebuild (or rollback) from start to end, so that
///                      one builds at a time while the live generation keeps being written
/// ```
/// Xapian's own tools work on `index/current` as they are (`xapian-delve index/current`).
public struct IndexLayout: Sendable, Equatable {
    public let root: String

    public init(root: String) { self.root = root }

    public var currentStub: String { root + "/current" }

    /// Whether something other than a folder is at the root (a mistaken path, never an index).
    public var isAFile: Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) && !isFolder.boolValue
    }
    public var lockFile: String { root + "/.lock" }
    public var rebuildLockFile: String { root + "/.rebuild.lock" }
    public func generationDirectory(_ n: Int) -> String { root + "/gen-\(n)" }
    public func buildingDirectory(_ n: Int) -> String { root + "/gen-\(n).building" }
    public func shardsDirectory(_ n: Int) -> String { root + "/gen-\(n).shards" }

    /// Shard `index` of a generation written as `count` shards, relative to the generation's folder
    /// (`""`: a generation of one shard is the folder itself).
    static func shardName(_ index: Int, of count: Int) -> String { count == 1 ? "" : "shard-\(index)" }

    /// The databases of a generation folder (any, also `gen-N.building`), in shard order: the folder
    /// itself when it is one database, else its `shard-0`, `shard-1`, ... An existing generation's
    /// shard count comes from here, never from the config.
    public static func shardPaths(in folder: String) -> [String] {
        if access(folder + "/iamglass", F_OK) == 0 { return [folder] }
        var paths: [String] = []
        while access(folder + "/shard-\(paths.count)/iamglass", F_OK) == 0 { paths.append(folder + "/shard-\(paths.count)") }
        return paths.isEmpty ? [folder] : paths
    }

    public func shardPaths(generation n: Int) -> [String] { Self.shardPaths(in: generationDirectory(n)) }

    /// Where a generation folder of several shards keeps its lexicon (one database keeps all in itself).
    public static func lexiconPath(in folder: String) -> String { folder + "/lexicon" }

    /// The lexicon of generation `n`, when it has one.
    public func lexiconPath(generation n: Int) -> String? { Self.existingLexicon(in: generationDirectory(n)) }

    /// The lexicon in a generation's folder, when it has one (a generation of one database has none).
    public static func existingLexicon(in folder: String) -> String? {
        let path = lexiconPath(in: folder)
        return access(path + "/iamglass", F_OK) == 0 ? path : nil
    }

    /// The live generation number, from the stub file; nil when no index has been built.
    public func currentGeneration() -> Int? {
        guard let text = try? String(contentsOfFile: currentStub, encoding: .utf8) else { return nil }
        return Self.generation(inStub: text)
    }

    /// Parses `auto gen-N` (the first shard line names the generation).
    static func generation(inStub text: String) -> Int? {
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count == 2, let name = words.last, name.hasPrefix("gen-") else { continue }
            let digits = name.dropFirst(4).prefix { $0.isNumber }
            if let n = Int(digits) { return n }
        }
        return nil
    }

    /// Every generation directory present, by number. `building` marks any unfinished one
    /// (`gen-N.building`, `gen-N.shards`, or another suffix): only a plain `gen-N` can be live.
    public func generationsOnDisk() -> [(number: Int, path: String, building: Bool)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.compactMap { name -> (Int, String, Bool)? in
            guard name.hasPrefix("gen-") else { return nil }
            let rest = name.dropFirst(4)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let n = Int(digits) else { return nil }
            return (n, root + "/" + name, digits.count < rest.count)
        }.sorted { $0.0 < $1.0 }
    }

    /// Points `current` at a generation of `shards` shards atomically, then the publish stubs
    /// (`publish(generation:shards:)`). A reader opening `current` sees the old generation or the
    /// new one, never neither.
    public func switchCurrent(to n: Int, shards: Int = 1) throws {
        try Self.replaceFile(currentStub, with: Self.stub(generation: n, shards: shards))
        try publish(generation: n, shards: shards)
    }

    /// Replaces a file's text atomically: writes `PATH.tmp` beside it, then renames it over.
    static func replaceFile(_ path: String, with text: String) throws {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw POSIXFailure("cannot write \(temporary)") }
        defer { close(fd) }
        let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, text.utf8.count) }
        guard written == text.utf8.count, fsync(fd) == 0 else { throw POSIXFailure("cannot write \(temporary)") }
        guard rename(temporary, path) == 0 else { throw POSIXFailure("cannot rename \(temporary) to \(path)") }
        syncDirectory((path as NSString).deletingLastPathComponent)
    }
}

extension IndexLayout {
    /// The `current` stub's text: one `auto` line per shard, in shard order, and nothing else.
    static func stub(generation n: Int, shards: Int) -> String {
        (0..<shards).map { index in
            let name = shardName(index, of: shards)
            return "auto gen-\(n)" + (name.isEmpty ? "" : "/" + name) + "\n"
        }.joined()
    }
}

/// A failed system call, with errno's text.
public struct POSIXFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ what: String, errno code: Int32 = errno) {
        description = "\(what): \(String(cString: strerror(code)))"
    }
}

/// Makes a rename durable (the directory entry itself must reach the disk).
func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
}
