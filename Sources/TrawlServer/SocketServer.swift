import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TrawlCore

/// Serves the wire protocol on a Unix domain stream socket: newline-delimited JSON, each
/// connection in its own child task, answers in request order.
///
/// On graceful shutdown it stops accepting, lets each connection finish the request it is
/// working on, closes them, and removes the socket file.
struct SocketServer: Sendable {
    let path: String
    let mode: UInt32
    let group: String?
    let policy: PeerPolicy
    let maximumLineBytes: Int
    let dispatcher: RequestDispatcher
    let stats: ServerStats
    let logger: Logger
    let eventLoopGroup: any EventLoopGroup

    /// An accepted connection, already framed into lines.
    struct Accepted: Sendable {
        let channel: NIOAsyncChannel<LineFrame, ByteBuffer>
        let peer: PeerCredentials?
    }

    /// Binds (the path must have passed `SocketFile.prepare`), calls `onReady`, and serves
    /// until graceful shutdown (or an accept error).
    func run(onReady: @Sendable () async -> Void) async throws {
        let listener = try await bind()
        let identity = SocketFile.identity(of: path)
        defer { SocketFile.remove(path, ifStill: identity) }
        do {
            try SocketFile.applyPermissions(path, mode: mode, group: group)
        } catch {
            try? await listener.channel.close()
            throw error
        }
        logger.info("listening", metadata: ["socket": "\(path)", "mode": "\(String(mode, radix: 8))"])
        await onReady()
        try await withThrowingDiscardingTaskGroup { group in
            try await listener.executeThenClose { inbound in
                for try await connection in inbound.cancelOnGracefulShutdown() {
                    group.addTask { await handle(connection) }
                }
            }
            // Closed: new clients get "no such file" rather than a refused connection.
            SocketFile.remove(path, ifStill: identity)
            logger.info("stopped accepting; finishing requests in flight")
        }
    }

    private func bind() async throws -> NIOAsyncChannel<Accepted, Never> {
        let maximumLineBytes = maximumLineBytes
        return try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            // A client may send its requests and shut its write side (`nc -U`, scripts): keep
            // the connection open to send the answers.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false) { channel in
                PeerCredentials.of(channel).flatMapThrowing { peer in
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(LineFrameDecoder(maximumLength: maximumLineBytes)))
                    let framed = try NIOAsyncChannel<LineFrame, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true))
                    return Accepted(channel: framed, peer: peer)
                }
            }
    }
}
