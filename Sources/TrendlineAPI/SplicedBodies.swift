import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Answers whose body is a shared prefix (a video detail's 95 KB, rendered once) and a short
/// ending of their own (the request id), sent as two buffers in one write instead of one buffer
/// per answer.
///
/// Hummingbird batches head, body and end into a single write only for a body of one
/// `ByteBuffer`, so a route cannot hand it two. The route gives Hummingbird the ending alone,
/// with the whole length in `Content-Length` and a number in ``marker``; the prefix waits in
/// its connection's ``SplicedPrefixes`` under that number, and ``SplicedBodyHandler``, on the
/// connection's pipeline between the HTTP codec and Hummingbird, writes it before the ending.
/// Building one buffer per answer (reused buffers, until the twelfth round) left up to 64
/// bodies of 95 KB in flight at once, each cold in the CPU's cache by the time the kernel
/// copied it (perf in docs/benchmarks.md, twelfth round); the shared prefix stays warm.
///
/// Connections without the handler (other servers, router tests) are not registered, and their
/// answers are built as one buffer.
final class SplicedBodies: Sendable {
    static let shared = SplicedBodies()

    /// The header naming the waiting prefix; the handler removes it before the head is sent.
    static let marker = HTTPField.Name("X-Trendline-Spliced-Body")!

    private let connections = Mutex<[ObjectIdentifier: SplicedPrefixes]>([:])

    func register(_ prefixes: SplicedPrefixes, for channel: any Channel) {
        connections.withLock { $0[ObjectIdentifier(channel)] = prefixes }
    }

    func unregister(_ prefixes: SplicedPrefixes, for channel: any Channel) {
        connections.withLock { connections in
            if connections[ObjectIdentifier(channel)] === prefixes { connections[ObjectIdentifier(channel)] = nil }
        }
    }

    /// Leaves `prefix` for the next marked answer on `channel` and returns its number, or nil
    /// when the connection has no ``SplicedBodyHandler``.
    func push(_ prefix: ByteBuffer, for channel: (any Channel)?) -> UInt64? {
        guard let channel, let prefixes = connections.withLock({ $0[ObjectIdentifier(channel)] }) else { return nil }
        return prefixes.push(prefix)
    }

    /// Connections registered now, for tests.
    var registeredConnections: Int { connections.withLock { $0.count } }

    /// The most answers spliced on one of the connections registered now, for tests.
    var mostSplicedOnOneConnection: Int {
        connections.withLock { $0.values.map(\.pushedCount).max() ?? 0 }
    }
}

/// The prefixes one connection's answers wait to have written before their endings, in the
/// order the answers were made (HTTP/1 answers a connection's requests in order).
final class SplicedPrefixes: Sendable {
    private struct State {
        /// The number of the last prefix pushed: also how many were.
        var last: UInt64 = 0
        var waiting: [(number: UInt64, prefix: ByteBuffer)] = []
    }

    private let state = Mutex(State())

    func push(_ prefix: ByteBuffer) -> UInt64 {
        state.withLock { state in
            state.last += 1
            state.waiting.append((state.last, prefix))
            return state.last
        }
    }

    /// The prefix numbered `number`, dropping older ones (left by answers that were replaced by
    /// an error before they were sent).
    func take(_ number: UInt64) -> ByteBuffer? {
        state.withLock { state in
            guard let index = state.waiting.firstIndex(where: { $0.number >= number }), state.waiting[index].number == number else {
                state.waiting.removeAll { $0.number <= number }
                return nil
            }
            let prefix = state.waiting[index].prefix
            state.waiting.removeSubrange(...index)
            return prefix
        }
    }

    /// Prefixes pushed so far.
    var pushedCount: Int { state.withLock { Int($0.last) } }

    /// Prefixes waiting now, for tests.
    var waitingCount: Int { state.withLock { $0.waiting.count } }
}

/// Writes each marked answer's waiting prefix before its body (``SplicedBodies``).
final class SplicedBodyHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let prefixes = SplicedPrefixes()
    private var pending: ByteBuffer?

    func handlerAdded(context: ChannelHandlerContext) {
        SplicedBodies.shared.register(prefixes, for: context.channel)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        SplicedBodies.shared.unregister(prefixes, for: context.channel)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            guard let marker = head.headerFields[SplicedBodies.marker] else { return context.write(data, promise: promise) }
            head.headerFields[SplicedBodies.marker] = nil
            guard let number = UInt64(marker), let prefix = prefixes.take(number) else {
                // The body cannot be made whole: end the connection rather than send it short.
                promise?.fail(ChannelError.inappropriateOperationForState)
                return context.close(promise: nil)
            }
            pending = prefix
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            guard let prefix = pending else { return context.write(data, promise: promise) }
            pending = nil
            context.write(wrapOutboundOut(.body(prefix)), promise: nil)
            context.write(data, promise: promise)
        case .end:
            pending = nil
            context.write(data, promise: promise)
        }
    }
}
