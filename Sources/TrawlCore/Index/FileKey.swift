import CXapian

/// The fingerprint of a source file, stored in every article that came from it:
/// size and mtime decide "unchanged" without reading; the content hash settles a touch.
public struct FileKey: Sendable, Equatable {
    public var path: String
    public var size: Int64
    public var modified: Int64
    public var hash: UInt64

    private static let separator: Character = "\u{1F}"

    /// `v1 US path US size US mtime-ns US hash-hex` (US = unit separator, never in paths).
    public var encoded: String {
        let s = String(Self.separator)
        return "v1" + s + path + s + String(size) + s + String(modified) + s + String(hash, radix: 16)
    }

    public init(path: String, size: Int64, modified: Int64, hash: UInt64) {
        self.path = path
        self.size = size
        self.modified = modified
        self.hash = hash
    }

    public init?(encoded: String) {
        let parts = encoded.split(separator: Self.separator, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "v1", let size = Int64(parts[2]), let modified = Int64(parts[3]),
            let hash = UInt64(parts[4], radix: 16)
        else { return nil }
        self.init(path: String(parts[1]), size: size, modified: modified, hash: hash)
    }
}

/// What each article's document holds for incremental runs (value slot 6): the file it came
/// from, a hash of its stored data and its id, so a changed file's unchanged articles are not
/// written again. `v2 US path US hash-hex US id` (the id last: it may hold any character).
struct ArticleKey: Equatable {
    var path: String
    var hash: UInt64
    var id: String

    private static let separator: Character = "\u{1F}"

    var encoded: String {
        let s = String(Self.separator)
        return "v2" + s + path + s + String(hash, radix: 16) + s + id
    }

    init(path: String, hash: UInt64, id: String) {
        self.path = path
        self.hash = hash
        self.id = id
    }

    init?(encoded: String) {
        let parts = encoded.split(separator: Self.separator, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v2", let hash = UInt64(parts[2], radix: 16) else { return nil }
        self.init(path: String(parts[1]), hash: hash, id: String(parts[3]))
    }
}

/// Where a file's fingerprint (`FileKey.encoded`) is kept: a metadata entry per file, written
/// only when the file was read without problems or warnings, so that a file with any is read
/// (and reported) again by every run.
enum FileFingerprint {
    static let prefix = "trawl.file:"

    /// The metadata key for a file. Xapian keys are limited in length (about 245 bytes), so a long
    /// path keeps its start plus a hash of the whole; the value holds the full path.
    static func key(for path: String) -> String {
        guard path.utf8.count > 180 else { return prefix + path }
        var start = ""
        for character in path {
            guard start.utf8.count + character.utf8.count <= 160 else { break }
            start.append(character)
        }
        return prefix + start + "#" + String(ContentHash.fnv1a(path.utf8), radix: 16)
    }
}

/// FNV-1a, 64 bit: a stable content hash (Swift's `Hasher` is seeded per process). The shim's
/// `tx_fnv1a` computes it, the same function that hashes long term keys.
public enum ContentHash {
    public static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        if let hash = bytes.withContiguousStorageIfAvailable({ hash($0) }) { return hash }
        return Array(bytes).withUnsafeBufferPointer { hash($0) }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        tx_fnv1a(bytes.baseAddress, bytes.count, TX_FNV1A_OFFSET)
    }
}
