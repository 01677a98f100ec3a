import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TrendlineAPI

/// Bytes that are not HTTP/1.1 (``MalformedRequestAnswer``, ``MalformedRequest``) get the error
/// envelope and a closed connection, over real sockets to the API's own server: an unknown
/// method or a head over the limit was a bare `400` with no body, and a bad chunk in a body the
/// route reads was a `500 INTERNAL_ERROR`.
struct MalformedRequestTests {
    /// What one connection got for `request`, read until the server closed it.
    static func answer(to request: String, port: Int) async throws -> (head: String, body: [String: Any]) {
        let socket = try LoopbackSocket(port: port)
        try socket.send(request)
        return try lastAnswer(try await socket.receiveUntilClosed())
    }

    /// Where each answer's status line starts in what a connection got (the messages say
    /// "HTTP/1.1" too).
    static func statusLines(_ text: String) -> [Range<String.Index>] {
        text.ranges(of: #/HTTP/1\.1 \d{3} /#)
    }

    /// The last answer's head and its JSON body in what a connection got.
    static func lastAnswer(_ text: String) throws -> (head: String, body: [String: Any]) {
        let start = try #require(statusLines(text).last, "\(text)")
        let parts = text[start.lowerBound...].components(separatedBy: "\r\n\r\n")
        try #require(parts.count == 2, "one head and its body: \(text)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as? [String: Any], "\(text)")
        return (parts[0], body)
    }

    static func error(_ body: [String: Any]) -> [String: Any] { body["error"] as? [String: Any] ?? [:] }

    func withServer(_ test: @escaping @Sendable (_ port: Int, _ key: String) async throws -> Void) async throws {
        let app = try await TestApp.make()
        let application = Application(router: buildResponder(app.dependencies), server: .trendlineAPI, configuration: .init(serverName: "trendline"))
        try await application.test(.live) { client in
            try await test(try #require(client.port), app.key)
        }
    }

    @Test func anUnknownMethodIsAMalformedRequestInTheEnvelope() async throws {
        try await withServer { port, _ in
            let (head, body) = try await Self.answer(to: "FOO /health HTTP/1.1\r\nHost: localhost\r\n\r\n", port: port)
            #expect(head.hasPrefix("HTTP/1.1 400 "), "\(head)")
            #expect(head.lowercased().contains("connection: close"))
            #expect(head.lowercased().contains("content-type: application/json"))
            let error = Self.error(body)
            #expect(error["code"] as? String == "MALFORMED_REQUEST")
            #expect((error["message"] as? String)?.contains("invalid HTTP method") == true, "\(error)")
            let requestID = try #require(error["request_id"] as? String)
            #expect(head.contains("X-Request-Id: \(requestID)"))
            #expect(head.contains("Server: trendline"), "named as every other answer: \(head)")
        }
    }

    @Test func aHeadOverTheLimitsIs431() async throws {
        try await withServer { port, _ in
            let big = String(repeating: "a", count: MalformedRequest.headLimitBytes + 1024)
            let (head, body) = try await Self.answer(to: "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: \(big)\r\n\r\n", port: port)
            #expect(head.hasPrefix("HTTP/1.1 431 "), "\(head)")
            #expect(Self.error(body)["code"] as? String == "HEADERS_TOO_LARGE")
            let fields = (0...MalformedRequest.headLimitFields).map { "X-\($0): 1\r\n" }.joined()
            let (manyHead, _) = try await Self.answer(to: "GET /health HTTP/1.1\r\nHost: localhost\r\n\(fields)\r\n", port: port)
            #expect(manyHead.hasPrefix("HTTP/1.1 431 "), "\(manyHead)")
        }
    }

    /// After a good request on the same connection, the bad one's answer follows the good one's.
    @Test func aBadRequestAfterAGoodOneIsAnsweredAfterIt() async throws {
        try await withServer { port, _ in
            let socket = try LoopbackSocket(port: port)
            try socket.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\nGET /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n")
            let text = try await socket.receiveUntilClosed()
            #expect(text.hasPrefix("HTTP/1.1 200 "), "\(text)")
            let (head, body) = try Self.lastAnswer(text)
            #expect(head.hasPrefix("HTTP/1.1 400 "), "\(head)")
            #expect((Self.error(body)["message"] as? String)?.contains("content-length") == true)
        }
    }

    /// A chunk size that is not hexadecimal, in the body of a track the route reads: was a 500.
    @Test func aBadChunkInABodyTheRouteReadsIsA400() async throws {
        try await withServer { port, key in
            let request = "POST /v1/videos/track HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(key)\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"url\r\nzz\r\n"
            let (head, body) = try await Self.answer(to: request, port: port)
            #expect(head.hasPrefix("HTTP/1.1 400 "), "\(head)")
            #expect(head.lowercased().contains("connection: close"))
            #expect(Self.error(body)["code"] as? String == "MALFORMED_REQUEST")
            #expect((Self.error(body)["message"] as? String)?.contains("chunk size") == true)
        }
    }

    /// The route does not read the body: its answer goes out, then the envelope for the chunk.
    @Test func aBadChunkInABodyTheRouteIgnoresFollowsItsAnswer() async throws {
        try await withServer { port, _ in
            let socket = try LoopbackSocket(port: port)
            try socket.send("GET /health HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
            let text = try await socket.receiveUntilClosed()
            #expect(text.hasPrefix("HTTP/1.1 200 "), "\(text)")
            #expect(Self.statusLines(text).count == 2, "two answers: \(text)")
            #expect(Self.error(try Self.lastAnswer(text).body)["code"] as? String == "MALFORMED_REQUEST")
        }
    }
}
