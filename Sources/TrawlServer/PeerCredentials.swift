import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Who is on the other end of a Unix socket connection (`SO_PEERCRED`, Linux).
public struct PeerCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The peer process, as it was when it connected.
    public var pid: Int32
    /// Its effective user id.
    public var uid: UInt32
    /// Its effective group id.
    public var gid: UInt32

    /// `pid N, uid N, gid N`, for logs.
    public var description: String { "pid \(pid), uid \(uid), gid \(gid)" }

    /// Reads the peer of an accepted channel; call on the channel's event loop.
    /// Nil where the platform has no `SO_PEERCRED` (the check is then skipped).
    static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials?> {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(nil)
        }
        return provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            .map { (credentials: RawCredentials) in
                PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
            }
            .recover { _ in nil }
        #else
        return channel.eventLoop.makeSucceededFuture(nil)
        #endif
    }
}

/// `struct ucred` from <sys/socket.h>, which Swift's Glibc module hides behind `_GNU_SOURCE`:
/// three 32-bit fields, so a Swift struct of the same fields has the same layout.
struct RawCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

/// Which peers may talk to the daemon (`socket.allowedUIDs` / `allowedGIDs`); empty lists
/// mean the socket's file mode is the only gate.
struct PeerPolicy: Sendable {
    var allowedUIDs: Set<UInt32>
    var allowedGIDs: Set<UInt32>

    var isOpen: Bool { allowedUIDs.isEmpty && allowedGIDs.isEmpty }

    /// True when the peer's uid or gid is listed. A peer that cannot be identified is refused.
    func allows(_ peer: PeerCredentials?) -> Bool {
        if isOpen { return true }
        guard let peer else { return false }
        return allowedUIDs.contains(peer.uid) || allowedGIDs.contains(peer.gid)
    }
}
