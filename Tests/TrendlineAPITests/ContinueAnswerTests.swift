import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TrendlineAPI

/// `Expect: 100-continue` is answered at once (``ContinueAnswer``): a client that asks waits
/// for the `100 Continue` before it sends the body, a second with curl when none came.
struct ContinueAnswerTests {
    @Test func aClientThatAsksIsToldToContinueBeforeItSendsTheBody() async throws {
        let app = try await TestApp.make()
        let application = Application(router: buildResponder(app.dependencies), server: .trendlineAPI)
        try await application.test(.live) { client in
            let socket = try LoopbackSocket(port: try #require(client.port))
            let body = #"{"urls": ["https://youtu.be/dQw4w9WgXcQ"]}"#
            try socket.send("POST /v1/videos/track HTTP/1.1\r\nHost: localhost\r\nX-API-Key: \(app.key)\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n")
            // Nothing else is sent until the server says to continue (the read waits up to 10 s).
            let interim = try await socket.receive(until: "\r\n\r\n")
            #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n", "\(interim)")
            try socket.send(body)
            let answer = try await socket.receive(until: "}")
            #expect(answer.hasPrefix("HTTP/1.1 200 OK"), "\(answer.prefix(200))")
            #expect(answer.contains(#""status":"tracked""#))
        }
    }

    /// Behind an unanswered request on the same connection, no `100 Continue` goes out of turn.
    @Test func noInterimAnswerOvertakesAnEarlierRequest() async throws {
        let router = Router()
        router.get("slow") { _, _ in
            try await Task.sleep(for: .milliseconds(500))
            return "slow"
        }
        router.post("echo") { request, _ in String(buffer: try await request.body.collect(upTo: 1024)) }
        try await Application(router: router, server: .trendlineAPI).test(.live) { client in
            let socket = try LoopbackSocket(port: try #require(client.port))
            try socket.send("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nhi")
            let answers = try await socket.receive(until: "hi")
            #expect(answers.hasPrefix("HTTP/1.1 200 OK") && !answers.contains("100 Continue"), "\(answers)")
            #expect(answers.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "both answered, in order: \(answers)")
        }
    }
}
