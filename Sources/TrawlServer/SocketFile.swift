import Foundation
import TrawlCore

/// Why the daemon refused to start; the description is the message for the operator.
public struct DaemonStartupError: Error, CustomStringConvertible, Sendable {
    /// The message for the operator.
    public let description: String
    /// A refusal with its message.
    public init(_ description: String) { self.description = description }
}

/// Safety around the socket's path: never follow a planted symlink, never steal a live
/// daemon's socket, replace a crashed daemon's stale file, and remove our own on exit.
enum SocketFile {
    /// The socket file's identity, so we remove only the file we created.
    struct Identity: Equatable {
        let device: UInt64
        let inode: UInt64
    }

    /// Makes `path` ready for `bind`: creates its missing folder (mode 0750, not its parents), refuses a
    /// symlink, a non-socket file, or a socket a live daemon answers on; unlinks a stale socket.
    static func prepare(_ path: String) throws(DaemonStartupError) {
        // sun_path is 108 bytes on Linux (104 on macOS), NUL included.
        guard path.utf8.count < 104 else {
            throw DaemonStartupError("socket path \(path) is too long (\(path.utf8.count) bytes; the limit is 103)")
        }
        try createParent(of: path)
        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // nothing there: bind creates it
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            throw DaemonStartupError("refusing to use socket path \(path): it is a symbolic link (remove it if it is yours)")
        case S_IFSOCK:
            break
        default:
            throw DaemonStartupError("refusing to replace \(path): it exists and is not a socket")
        }
        if isLive(path) {
            throw DaemonStartupError("another trawld is already serving on \(path); stop it first or use another --socket")
        }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw DaemonStartupError("cannot remove the stale socket \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// A socket bound at `path` with the configured mode and group already set, not yet
    /// listening (NIO listens when it takes the descriptor): no peer can connect while the file
    /// still has the umask's mode. (Binding and listening in one step left that window open.)
    static func bindBeforeListening(_ path: String, mode: UInt32, group: String?) throws(DaemonStartupError) -> CInt {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DaemonStartupError("cannot create a socket: \(String(cString: strerror(errno)))") }
        var address = unixAddress(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw DaemonStartupError(
                "cannot bind the socket \(path): \(reason); choose another --socket or socket.path")
        }
        do {
            try applyPermissions(path, mode: mode, group: group)
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        return fd
    }

    /// Sets the socket file's mode and, when given, its group (`bind` creates it with the
    /// umask's mode).
    private static func applyPermissions(_ path: String, mode: UInt32, group: String?) throws(DaemonStartupError) {
        guard chmod(path, mode_t(mode)) == 0 else {
            throw DaemonStartupError("cannot chmod \(path) to \(String(mode, radix: 8)): \(String(cString: strerror(errno)))")
        }
        guard let group, !group.isEmpty else { return }
        let gid: gid_t
        if let entry = getgrnam(group) {
            gid = entry.pointee.gr_gid
        } else if let number = UInt32(group) {
            gid = gid_t(number)
        } else {
            throw DaemonStartupError("socket group \(group) does not exist")
        }
        guard chown(path, uid_t.max, gid) == 0 else {  // uid -1: keep the owner
            throw DaemonStartupError("cannot give \(path) to group \(group): \(String(cString: strerror(errno)))")
        }
    }

    static func identity(of path: String) -> Identity? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Removes the socket file if it is still the one we bound (not a successor's).
    static func remove(_ path: String, ifStill identity: Identity?) {
        guard let identity, Self.identity(of: path) == identity else { return }
        unlink(path)
    }

    /// True when something accepts connections on the socket.
    static func isLive(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = unixAddress(path)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }

    /// `path` as a socket address (`prepare` has checked that it fits).
    private static func unixAddress(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8.prefix(raw.count - 1))
        }
        return address
    }

    /// Creates the socket's own folder when it is missing (never its parents), mode 0750: the
    /// socket's peers need only to reach it; others need not list it.
    private static func createParent(of path: String) throws(DaemonStartupError) {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        do {
            if try OwnFolder.create(parent, mode: 0o750) { _ = chmod(parent, 0o750) }  // what the umask took away
        } catch {
            throw DaemonStartupError(
                "cannot create the socket's folder \(parent): \(error); choose another --socket or socket.path, or create its parent")
        }
    }
}
