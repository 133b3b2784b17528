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

/// FNV-1a, 64 bit: a stable content hash (Swift's `Hasher` is seeded per process).
public enum ContentHash {
    public static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return hash
    }
}
