import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 channel with a larger write buffer before backpressure: a video detail
/// with 720 snapshots is 95 KB, above NIO's default high-water mark of 64 KB, so every answer
/// made the connection unwritable and then writable again, each a trip through the async
/// writer's state machine (about 3 % of a detail's cost, perf in docs/benchmarks.md). Up to
/// 256 KB per connection is queued before the writer waits. A connection with no request in
/// progress for the idle timeout is closed (``IdleConnectionCloser``), bytes that are not
/// HTTP/1.1 are answered in the error envelope (``MalformedRequestAnswer``, first of them), and
/// `Expect: 100-continue` is answered at once (``ContinueAnswer``); an HTTP/1.0 connection
/// ends after its answer (``HTTP10ConnectionClose``, before the codec to HTTP types).
struct APIServerChannel: ServerChildChannel {
    static let waterMark = ChannelOptions.Types.WriteBufferWaterMark(low: 64 << 10, high: 256 << 10)
    /// As long as nginx keeps an idle keep-alive connection by default.
    static let defaultIdleTimeout = TimeAmount.seconds(75)

    let base: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        channel.setOption(ChannelOptions.writeBufferWaterMark, value: Self.waterMark).flatMap {
            base.setup(channel: channel, logger: logger)
        }.flatMapThrowing { value in
            let codec = try channel.pipeline.syncOperations.handler(type: HTTP1ToHTTPServerCodec.self)
            try channel.pipeline.syncOperations.addHandler(HTTP10ConnectionClose(), position: .before(codec))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// The API server: HTTP/1 on ``APIServerChannel``, with ``SplicedBodyHandler`` on each
    /// connection.
    public static var trendlineAPI: HTTPServerBuilder {
        trendlineAPI(answering: nil)
    }

    /// The API's server, writing the details `answers` has at hand itself
    /// (``ImmediateAnswerHandler``).
    public static func trendlineAPI(answering answers: ImmediateDetailAnswers?) -> HTTPServerBuilder {
        trendlineAPI(answering: answers, idleTimeout: APIServerChannel.defaultIdleTimeout)
    }

    /// The same with connections closed after `idleTimeout` with no request in progress.
    static func trendlineAPI(answering answers: ImmediateDetailAnswers?, idleTimeout: TimeAmount) -> HTTPServerBuilder {
        .init { responder in
            APIServerChannel(base: HTTP1Channel(responder: responder, configuration: .init(additionalChannelHandlers: {
                let first: [any RemovableChannelHandler] = [MalformedRequestAnswer(server: serverName), IdleConnectionCloser(timeout: idleTimeout), ContinueAnswer()]
                guard let answers else { return first + [SplicedBodyHandler()] }
                return first + [ImmediateAnswerHandler(answers: answers), SplicedBodyHandler()]
            }())))
        }
    }
}
