import CXapian

/// What the live generation holds, per source file: its fingerprint and how many articles came from it.
/// Read from the file-key value slot in one sequential pass (no per-document lookups).
struct Manifest {
    struct Entry {
        var key: FileKey
        var articles: Int
    }

    var files: [String: Entry] = [:]

    static func load(from reader: IndexReader) throws(TrawlError) -> Manifest {
        var manifest = Manifest()
        for (_, value) in try reader.values(slot: TX_SLOT_FILE) {
            guard let key = FileKey(encoded: value) else { continue }
            manifest.files[key.path, default: Entry(key: key, articles: 0)].articles += 1
        }
        return manifest
    }
}
