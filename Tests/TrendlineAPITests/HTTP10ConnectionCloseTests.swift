import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TrendlineAPI

/// An HTTP/1.0 request without `Connection: keep-alive` has its connection closed after the
/// answer (``HTTP10ConnectionClose``); the client reading to the end waited 75 s before.
struct HTTP10ConnectionCloseTests {
    @Test func anHTTP10ConnectionEndsAfterItsAnswerUnlessKeptAlive() async throws {
        let router = Router()
        router.get("ping") { _, _ in "pong" }
        try await Application(router: router, server: .trendlineAPI).test(.live) { client in
            let port = try #require(client.port)
            let plain = try LoopbackSocket(port: port)
            try plain.send("GET /ping HTTP/1.0\r\n\r\n")
            // Read until the server closes; without the close this waited out the 30 s read limit (the idle timeout is 75 s).
            let answer = try await plain.receiveUntilClosed()
            #expect(answer.hasPrefix("HTTP/1.1 200") && answer.hasSuffix("pong"), "\(answer)")

            let kept = try LoopbackSocket(port: port)
            for _ in 0..<2 {
                try kept.send("GET /ping HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let again = try await kept.receive(until: "pong")
                #expect(again.hasSuffix("pong"), "a kept-alive HTTP/1.0 connection answers again: \(again)")
            }
        }
    }
}
