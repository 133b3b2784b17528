import Foundation

/// Runs a program under a file size limit (RLIMIT_FSIZE, `prlimit --fsize`) with SIGXFSZ ignored
/// (an ignored signal stays ignored across exec), so that a write past the limit fails with EFBIG:
/// a full disk without the privileges to make one.
enum FileSizeLimit {
    /// Whether the machine has `prlimit`.
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") }

    /// The executable and arguments that run `executable arguments` under `bytes`.
    static func command(_ bytes: Int, _ executable: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        ("/bin/sh", ["-c", #"trap '' XFSZ; exec /usr/bin/prlimit --fsize="$0" "$@""#, String(bytes), executable] + arguments)
    }
}

extension IndexInspection {
    /// The size of the largest file of the live generation (its shards' included).
    static func largestFile(in index: String) throws -> Int {
        guard let generation = liveGeneration(in: index) else { throw InspectionFailed(description: "no live generation in \(index)") }
        let folder = index + "/gen-\(generation)"
        var largest = 0
        let files = FileManager.default.enumerator(atPath: folder)
        while let name = files?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            if attributes[.type] as? FileAttributeType == .typeRegular { largest = max(largest, attributes[.size] as? Int ?? 0) }
        }
        return largest
    }
}
