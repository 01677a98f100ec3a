import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection that has had no request in progress for `timeout`: each open connection
/// holds a file descriptor, and clients that open connections and leave them, or leave
/// keep-alive connections behind, would otherwise hold them until the process runs out.
///
/// It sits after ``MalformedRequestAnswer``, before ``ImmediateAnswerHandler``, so it sees every
/// request and every answer, the immediate ones too. The clock runs only while every request
/// read has been answered to its end: a request the server takes long over is never cut (NIO's
/// `IdleStateHandler`, which counts bytes, cut one whose handler waited for a busy thread pool).
final class IdleConnectionCloser: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let timeout: TimeAmount
    private var unanswered = UnansweredRequests()
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startClock(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopClock()
    }

    func channelActive(context: ChannelHandlerContext) {
        startClock(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopClock()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        unanswered.read(part)
        if case .head = part { stopClock() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if unanswered.wrote(unwrapOutboundIn(data)) { startClock(context) }
        context.write(data, promise: promise)
    }

    private func startClock(_ context: ChannelHandlerContext) {
        timer?.cancel()
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: timeout) { bound.value.close(promise: nil) }
    }

    private func stopClock() {
        timer?.cancel()
        timer = nil
    }
}
