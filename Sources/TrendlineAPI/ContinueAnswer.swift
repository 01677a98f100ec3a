import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with `100 Continue` as soon as the request's head is read.
/// Hummingbird does not, so a client that asks (libcurl before 8 for a body over 1 KB, as PHP's
/// and older curls send a track of 20 URLs; .NET and Java clients) waited its own timeout, a
/// second with curl, before sending the body, on every such request.
///
/// Only while no earlier request on the connection is unanswered: an informational answer
/// must not come before the answers to requests read before it. Then the client sends the body
/// after its timeout, as before.
final class ContinueAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var unanswered = UnansweredRequests()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        unanswered.read(part)
        if case .head(let request) = part, unanswered.count == 1, request.headerFields[.expect]?.lowercased() == "100-continue" {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        unanswered.wrote(unwrapOutboundIn(data))
        context.write(data, promise: promise)
    }
}
