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

    /// A connection ready to serve: framed into lines, its peer identified.
    struct Accepted: Sendable {
        let channel: NIOAsyncChannel<LineFrame, ByteBuffer>
        let peer: PeerCredentials?
    }

    /// Binds (the path must have passed `SocketFile.prepare`), listens, calls `onReady`, and serves
    /// until graceful shutdown (or an accept error).
    func run(onReady: @Sendable () async -> Void) async throws {
        let descriptor = try SocketFile.bindBeforeListening(path, mode: mode, group: group)
        let identity = SocketFile.identity(of: path)
        defer { SocketFile.remove(path, ifStill: identity) }
        let listener = try await listen(on: descriptor)
        logger.info("listening", metadata: ["socket": "\(path)", "mode": "\(String(mode, radix: 8))"])
        await onReady()
        try await withThrowingDiscardingTaskGroup { group in
            let channel = listener.channel
            try await listener.executeThenClose { inbound in
                // Stop by closing the listener rather than with `cancelOnGracefulShutdown()`,
                // which may drop connections already accepted: closing ends the stream after
                // them, and they are served (closed at once, as shutdown is under way).
                try await withGracefulShutdownHandler {
                    for try await connection in inbound {
                        group.addTask { await handle(connection) }
                    }
                } onGracefulShutdown: {
                    channel.close(promise: nil)
                }
            }
            // Closed: new clients get "no such file" rather than a refused connection.
            SocketFile.remove(path, ifStill: identity)
            logger.info("stopped accepting; finishing requests in flight")
        }
    }

    /// NOTE: the accept stream yields plain channels, not `NIOAsyncChannel`s: NIO drops an
    /// element whose initializer completes after the listener closed, and a dropped
    /// `NIOAsyncChannel` traps ("deinited without calling finish()"). Children start with
    /// `autoRead` off, so nothing is read (or lost) until `frame(_:)` has wrapped them.
    /// NIO listens on the bound descriptor with its default backlog (128 pending connections).
    private func listen(on descriptor: CInt) async throws -> NIOAsyncChannel<any Channel, Never> {
        let maximumLineBytes = maximumLineBytes
        return try await ServerBootstrap(group: eventLoopGroup)
            // A client may send its requests and shut its write side (`nc -U`, scripts): keep
            // the connection open to send the answers.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.autoRead, value: false)
            .bind(descriptor) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(LineFrameDecoder(maximumLength: maximumLineBytes)), InboundHold())
                    return channel
                }
            }
    }

    /// Wraps an accepted channel for async use, reads its peer's credentials, then starts reading.
    func frame(_ channel: any Channel) async throws -> Accepted {
        try await channel.eventLoop.flatSubmit {
            PeerCredentials.of(channel).flatMapThrowing { peer in
                // Reading starts at the next selector wake-up, after the wrapping below: same tick.
                try channel.syncOptions?.setOption(.autoRead, value: true)
                // Last: once made, a NIOAsyncChannel must reach `executeThenClose`.
                let framed = try NIOAsyncChannel<LineFrame, ByteBuffer>(
                    wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                // Hand on what arrived before the wrapping (a request and its end of stream).
                try channel.pipeline.syncOperations.handler(type: InboundHold.self).release()
                return Accepted(channel: framed, peer: peer)
            }
        }.get()
    }
}
