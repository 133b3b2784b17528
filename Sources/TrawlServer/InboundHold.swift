import NIOCore

/// Keeps what a new connection receives until the connection is ready to serve it.
///
/// Children start with `autoRead` off, but that does not stop every read: when a client sends
/// its request and shuts its write side at once (`echo … | socat`, scripts), NIO sees the end of
/// the stream (EPOLLRDHUP) and reads everything up to it straight away. Without this hold, that
/// request and the end-of-input event would pass an empty pipeline and be lost, and the client
/// would get no answer.
final class InboundHold: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = LineFrame
    typealias InboundOut = LineFrame

    private enum Held {
        case frame(NIOAny)
        case event(Any)
    }

    private var held: [Held] = []
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        held.append(.frame(data))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        held.append(.event(event))
    }

    /// Passes on what was held, in order, then steps out of the pipeline. Call on the event
    /// loop, once the handlers that serve the connection are in place.
    func release() {
        guard let context else { return }
        self.context = nil
        let held = self.held
        self.held = []
        for item in held {
            switch item {
            case .frame(let data): context.fireChannelRead(data)
            case .event(let event): context.fireUserInboundEventTriggered(event)
            }
        }
        if !held.isEmpty { context.fireChannelReadComplete() }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
