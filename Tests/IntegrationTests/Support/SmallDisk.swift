import Foundation

/// A small tmpfs mounted on a folder, to fill up on purpose; unmounted on deinit.
/// Needs the right to mount (root, outside a locked-down container): check `isAvailable`.
final class SmallDisk {
    let path: String
    private var mounted = true

    /// Mounts a tmpfs of `bytes` on `path` (created if missing).
    init(at path: String, bytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mounted = try runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", path])
        guard mounted.status == 0 else { throw SmallDiskUnavailable(description: "mount: \(mounted.stderr)") }
    }

    deinit { unmount() }

    /// Unmounts (once). Call it before removing the folder around the mount point.
    func unmount() {
        guard mounted else { return }
        mounted = false
        // NOTE: lazily, so that a daemon still holding files open cannot keep the mount alive.
        _ = try? runProgram("/bin/umount", ["-l", path])
    }

    /// Grows (or shrinks) the file system in place; what is on it stays.
    func resize(bytes: Int) throws {
        let resized = try runProgram("/bin/mount", ["-o", "remount,size=\(bytes)", path])
        guard resized.status == 0 else { throw SmallDiskUnavailable(description: "remount: \(resized.stderr)") }
    }

    /// Whether this process may mount a tmpfs (tried once, on a throwaway folder).
    static let isAvailable: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        var template = Array("/tmp/trawl-mnt-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { return false }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return (try? SmallDisk(at: folder, bytes: 1 << 20)) != nil
    }()
}

struct SmallDiskUnavailable: Error, CustomStringConvertible {
    let description: String
}
