import Foundation

/// Creates a folder the programs need (the index's, the socket's) when it is missing, but never
/// a chain of parents: a path whose parent is missing too is a typo far more often than a wish.
public enum OwnFolder {
    /// Why a folder could not be made: `No such file or directory (/srv/trwal does not exist either)`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// True when it made the folder, false when it was there already (a folder, or a link to one).
    public static func create(_ path: String, mode: mode_t) throws(Failure) -> Bool {
        if mkdir(path, mode) == 0 { return true }
        let code = errno
        if code == EEXIST {
            // A file there would fail later with a puzzling ENOTDIR (at the lock, or at bind).
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw Failure(description: "\(path) exists but is not a folder")
            }
            return false
        }
        let reason = String(cString: strerror(code))
        guard code == ENOENT else { throw Failure(description: reason) }
        let parent = (path as NSString).deletingLastPathComponent
        throw Failure(description: "\(reason) (\(parent) does not exist either)")
    }
}
