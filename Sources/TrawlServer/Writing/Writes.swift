import TrawlProtocol

/// The daemon's write side as requests see it: who may write, and the writer (nil when write
/// access is not configured, so that nothing of it runs).
struct Writes: Sendable {
    let access: WriteAccess
    let writer: PushWriter?

    /// The writer, for a peer that may use it; `forbidden` otherwise.
    func writer(for peer: PeerCredentials?) throws(ProtocolError) -> PushWriter {
        try access.check(peer)
        guard let writer else { throw ProtocolError(.forbidden, "writing is off on this trawld") }
        return writer
    }
}
