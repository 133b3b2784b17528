import Foundation

/// How much more an index can take before a write to it fails: the free space of its file system
/// and, under a file size limit of this process (RLIMIT_FSIZE), what its largest file may still
/// grow by. trawld checks it before a commit of pushed articles, and `--watch` before a batch,
/// because a commit that runs out of room can make Xapian end the process (`EscapedEngineError`).
public enum IndexRoom {
    /// What is wrong when `layout` has less room left than `minimum` bytes (0: never), for a
    /// message that goes on to say what the caller does about it; nil when there is room.
    public static func shortfall(in layout: IndexLayout, minimum: Int64) -> String? {
        guard minimum > 0, let room = bytes(in: layout), room < minimum else { return nil }
        return "the index has \(megabytes(room)) of room left (free space on its file system, or under this program's"
            + " file size limit), less than the \(megabytes(minimum)) of ingest.min_free_mb that keeps a commit from"
            + " running out of room"
    }

    private static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(max(0, bytes)) / 1_048_576) }

    /// Bytes left for `layout`'s live generation; nil when it cannot be told (no index yet).
    public static func bytes(in layout: IndexLayout) -> Int64? {
        guard let generation = layout.currentGeneration() else { return nil }
        let folder = layout.generationDirectory(generation)
        var room: Int64?
        var fileSystem = statvfs()
        if statvfs(folder, &fileSystem) == 0 { room = Int64(fileSystem.f_bavail) * Int64(fileSystem.f_frsize) }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {  // rlim_t.max: RLIM_INFINITY
            let underLimit = Int64(clamping: limit.rlim_cur) - largestFile(below: folder)
            room = min(room ?? underLimit, underLimit)
        }
        return room
    }

    /// The size of the largest file in `folder` and its subfolders (a generation's shards).
    private static func largestFile(below folder: String) -> Int64 {
        var largest: Int64 = 0
        let files = FileManager.default.enumerator(atPath: folder)
        while let name = files?.nextObject() as? String {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + name),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { continue }
            largest = max(largest, (attributes[.size] as? NSNumber)?.int64Value ?? 0)
        }
        return largest
    }
}
