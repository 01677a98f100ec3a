import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import TrendlineSimulator

/// A webhook receiver on a loopback port: records what it is sent, and answers with the status
/// (or the delay) a test scripts.
final class Receiver: Sendable {
    struct Received: Sendable {
        /// The Host header, as HTTP/1.1 sent it.
        let authority: String?
        let headers: [String: String]
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }
    }

    private let state = Mutex<(received: [Received], script: [UInt], delay: Duration)>(([], [], .zero))

    /// Status codes to answer with, one per request, then 200.
    func script(_ statuses: [UInt]) { state.withLock { $0.script = statuses } }
    func delay(_ duration: Duration) { state.withLock { $0.delay = duration } }
    var received: [Received] { state.withLock { $0.received } }

    func run<T: Sendable>(_ body: @escaping @Sendable (String) async throws -> T) async throws -> T {
        var logger = Logger(label: "receiver")
        logger.logLevel = .critical
        let quiet = logger
        return try await withServerOnFreePort({ [self] onRunning in
            Application(
                router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { onRunning($0.localAddress?.port ?? 0) }, logger: quiet)
        }) { port in try await body("http://127.0.0.1:\(port)/hook") }
    }

    /// Records each POST /hook and answers as scripted.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("hook") { [self] request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let (status, delay) = state.withLock { state -> (UInt, Duration) in
                state.received.append(Received(authority: request.head.authority, headers: headers, body: Data(buffer.readableBytesView)))
                return (state.script.isEmpty ? 200 : state.script.removeFirst(), state.delay)
            }
            if delay > .zero { try await Task.sleep(for: delay) }
            return Response(status: .init(code: Int(status)))
        }
        return router
    }
}
