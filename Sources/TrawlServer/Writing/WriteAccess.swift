import TrawlProtocol

/// Who may write (`put`, `delete`): the peers listed in `socket.write_uids` / `socket.write_gids`
/// (SO_PEERCRED). Nobody when both are empty: write access is off unless configured, and it is
/// granted apart from read access (`socket.allowed_uids` / `allowed_gids`).
struct WriteAccess: Sendable {
    var uids: Set<UInt32>
    var gids: Set<UInt32>

    /// Whether anyone may write at all.
    var isConfigured: Bool { !uids.isEmpty || !gids.isEmpty }

    /// Refuses, with `forbidden`, a peer that is not listed (or cannot be identified).
    func check(_ peer: PeerCredentials?) throws(ProtocolError) {
        guard isConfigured else {
            throw ProtocolError(
                .forbidden, "writing is off on this trawld: set socket.write_uids or socket.write_gids to let a user put and delete articles")
        }
        guard let peer, uids.contains(peer.uid) || gids.contains(peer.gid) else {
            let who = peer.map { "uid \($0.uid), gid \($0.gid)" } ?? "an unidentified peer"
            throw ProtocolError(.forbidden, "\(who) may not write: add it to socket.write_uids or socket.write_gids")
        }
    }
}
