import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Between the HTTP codec and Hummingbird on the API's connections: writes the answers
/// ``ImmediateDetailAnswers`` has at hand itself, on the event loop, and passes every other
/// request on.
///
/// It answers only while no request it passed on is unanswered, so answers leave in the order
/// their requests came (Hummingbird's HTTP/1 pipeline has no pipelining handler: requests are
/// read ahead, and this guard keeps the order), and only while the connection is writable. It
/// decides at the request's head, as the router would start there, and writes at its end.
final class ImmediateAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let answers: ImmediateDetailAnswers
    /// Requests passed on whose answers have not ended.
    private var passedOn = 0
    /// The answer to write when the current request ends.
    private var held: ImmediateDetailAnswers.Answer?

    init(answers: ImmediateDetailAnswers) {
        self.answers = answers
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            // Not while the connection's writes are backed up: the router's writer waits for
            // the client to read, so a client that pipelines without reading is held to the
            // write buffer's limit (here answers would queue without one).
            if passedOn == 0, held == nil, context.channel.isWritable, let answer = answers.answer(request) {
                held = answer
                return
            }
            passedOn += 1
            context.fireChannelRead(data)
        case .body:
            // An answered request has neither Content-Length nor Transfer-Encoding: no body parts.
            if held != nil { return }
            context.fireChannelRead(data)
        case .end:
            guard let answer = held else { return context.fireChannelRead(data) }
            held = nil
            context.write(wrapOutboundOut(.head(answer.head)), promise: nil)
            context.write(wrapOutboundOut(.body(answer.prefix)), promise: nil)
            var ending = context.channel.allocator.buffer(capacity: answer.ending.count)
            ending.writeBytes(answer.ending)
            context.write(wrapOutboundOut(.body(ending)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { passedOn = max(0, passedOn - 1) }
        context.write(data, promise: promise)
    }
}
