import NIOCore

/// Closes a connection that has neither read nor written a byte for the idle timeout (NIO's
/// `IdleStateHandler` in front of it at the head of the pipeline): each open connection holds a
/// file descriptor, and clients that open connections and leave them, or leave keep-alive
/// connections behind, would otherwise hold them until the process runs out. A connection at
/// work is never idle, whichever handler answers its requests.
final class IdleConnectionCloser: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case IdleStateHandler.IdleStateEvent.all = event {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
