import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Puts the answer to bytes that are not HTTP/1.1 into the error envelope. When NIO's parser
/// refuses what a client sent (an unknown method, a head over the limit, a bad chunk size),
/// Hummingbird writes a bare `400` with no body and closes the connection; clients then get no
/// code, message or request id. This handler, first after the HTTP codec, sees the parser's
/// error pass and every answer leave: an answer's head written while no request read is
/// unanswered can only be that bare `400`, and it is written as ``MalformedRequest``'s envelope
/// instead (`Connection: close` kept).
///
/// A parser error in the middle of a body the route reads reaches the route as the body's
/// error and is answered by ``ErrorEnvelopeMiddleware`` in the same envelope.
final class MalformedRequestAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The `Server` header of the API's answers: Hummingbird's bare answer carries none.
    private let server: String?
    private var unanswered = UnansweredRequests()
    /// The parser's last error on this connection.
    private var parseError: HTTPParserError?
    /// Set while the bare answer being replaced has parts left to drop.
    private var replacing = false

    init(server: String?) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        unanswered.read(unwrapInboundIn(data))
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError { parseError = error }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        switch part {
        case .head where unanswered.none:
            guard let parseError else { break }
            replacing = true
            let (head, body) = Self.answer(parseError, server: server, allocator: context.channel.allocator)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(body)), promise: promise)
            return
        case .body where replacing:
            promise?.succeed()
            return
        case .end:
            if replacing {
                replacing = false
            } else {
                unanswered.wrote(part)
            }
        default:
            break
        }
        context.write(data, promise: promise)
    }

    /// The envelope for `error`, naming the server as the API's other answers do (`server`).
    static func answer(_ error: HTTPParserError, server: String?, allocator: ByteBufferAllocator) -> (HTTPResponse, ByteBuffer) {
        let apiError = MalformedRequest.apiError(error)
        let requestID = ErrorEnvelopeMiddleware.requestID(given: nil)
        let body = (try? APIJSON.encoder().encode(Envelope.failureBody(apiError, requestID: requestID))) ?? Data()
        var fields = apiError.headers
        fields[.contentType] = Envelope.jsonContentType
        fields[.contentLength] = String(body.count)
        fields[.xRequestID] = requestID
        fields[.date] = HTTPDateText.shared.now()
        if let server { fields[.server] = server }
        return (HTTPResponse(status: apiError.status, headerFields: fields), allocator.buffer(bytes: body))
    }
}
