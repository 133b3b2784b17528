import Foundation

/// Writes and removes files so that what is done survives a crash of the machine: the data is
/// written to a hidden temporary file, synced, and renamed into place; the folder is synced once
/// for a whole batch of renames and removals (`syncFolder`).
enum DurableFiles {
    /// Writes `bytes` at `path` (replacing what was there) through `.NAME.tmp` in the same folder.
    static func write(_ bytes: [UInt8], to path: String) throws(DurableFileError) {
        let folder = (path as NSString).deletingLastPathComponent, name = (path as NSString).lastPathComponent
        let temporary = folder + "/" + temporaryName(name)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DurableFileError("cannot create \(temporary)") }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                let error = DurableFileError("cannot write \(temporary)")
                close(fd)
                unlink(temporary)
                throw error
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let error = DurableFileError("cannot sync \(temporary)")
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = DurableFileError("cannot rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
    }

    /// The hidden name a file is written under before its rename (the scan passes hidden names over).
    static func temporaryName(_ name: String) -> String { "." + name + ".tmp" }

    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.hasSuffix(".tmp") }

    /// Removes `path`; true when it was there.
    static func remove(_ path: String) throws(DurableFileError) -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw DurableFileError("cannot remove \(path)")
    }

    /// Makes the renames and removals in `folder` durable.
    static func syncFolder(_ folder: String) throws(DurableFileError) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw DurableFileError("cannot open the folder \(folder)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw DurableFileError("cannot sync the folder \(folder)") }
    }
}

/// A file operation that failed, with the system's reason (read from `errno` when made).
struct DurableFileError: Error, CustomStringConvertible {
    let description: String
    init(_ what: String) { description = what + ": " + String(cString: strerror(errno)) }
}
