import NIOCore
import NIOHTTP1

/// An HTTP/1.0 connection ends after each answer unless the request asks to keep it
/// (`Connection: keep-alive`). Hummingbird kept every connection open, so an HTTP/1.0 client
/// that reads its answer to the end (a probe, a script over a bare socket) waited for the idle
/// timeout, 75 s. This handler sits before the codec to HTTP types, which drops the version, and
/// marks such a request `Connection: close`, which Hummingbird honours.
final class HTTP10ConnectionClose: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(var head) = unwrapInboundIn(data), head.version == .http1_0, !head.isKeepAlive {
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.fireChannelRead(wrapInboundOut(.head(head)))
            return
        }
        context.fireChannelRead(data)
    }
}
