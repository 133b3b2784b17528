import Foundation

/// Runs a program under a file size limit (RLIMIT_FSIZE, `prlimit --fsize`) with SIGXFSZ ignored
/// (an ignored signal stays ignored across exec), so that a write past the limit fails with EFBIG:
/// a full disk without the privileges to make one. Only the soft limit is set, so that `change`
/// can move it either way while the program runs.
enum FileSizeLimit {
    /// Whether the machine has `prlimit`.
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") }

    /// The executable and arguments that run `executable arguments` under `bytes`.
    static func command(_ bytes: Int, _ executable: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        ("/bin/sh", ["-c", #"trap '' XFSZ; exec /usr/bin/prlimit --fsize="$0":unlimited "$@""#, String(bytes), executable] + arguments)
    }

    /// Moves the limit of a program that `command` started (its pid is the program's: sh and
    /// prlimit exec it).
    static func change(pid: pid_t, to bytes: Int) throws {
        let changed = try runProgram("/usr/bin/prlimit", ["--pid", String(pid), "--fsize=\(bytes):unlimited"])
        guard changed.status == 0 else { throw ProgramRunError(description: "prlimit --pid \(pid): \(changed.stderr)") }
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
