import Foundation

/// Creates a folder the programs need (the index's, the socket's) when it is missing, but never
/// a chain of parents: a path whose parent is missing too is a typo far more often than a wish.
public enum OwnFolder {
    /// Why a folder could not be made: `No such file or directory (/srv/trwal does not exist either)`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// True when it made the folder, false when it was there already.
    public static func create(_ path: String, mode: mode_t) throws(Failure) -> Bool {
        if mkdir(path, mode) == 0 { return true }
        let code = errno
        if code == EEXIST { return false }
        let reason = String(cString: strerror(code))
        guard code == ENOENT else { throw Failure(description: reason) }
        let parent = (path as NSString).deletingLastPathComponent
        throw Failure(description: "\(reason) (\(parent) does not exist either)")
    }
}
