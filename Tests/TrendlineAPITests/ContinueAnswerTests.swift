import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
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
            // Nothing else is sent until the server says to continue (the read waits up to 30 s).
            let interim = try await socket.receive(until: "\r\n\r\n")
            #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n", "\(interim)")
            try socket.send(body)
            let answer = try await socket.receive(until: "}")
            #expect(answer.hasPrefix("HTTP/1.1 200 OK"), "\(answer.prefix(200))")
            #expect(answer.contains(#""status":"tracked""#))
        }
    }

    /// Behind an unanswered request on the same connection, no `100 Continue` goes out of turn
    /// (on an embedded channel: the order is the handler's, not a live server's timing).
    @Test func noInterimAnswerOvertakesAnEarlierRequest() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ContinueAnswer())
        var expecting = HTTPRequest(method: .post, scheme: nil, authority: "localhost", path: "/echo")
        expecting.headerFields[.expect] = "100-continue"
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .get, scheme: nil, authority: "localhost", path: "/slow")))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeInbound(HTTPRequestPart.head(expecting))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil, "nothing written while /slow is unanswered")
        // Once every earlier request is answered, the next one that asks is told to continue.
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        while try channel.readOutbound(as: HTTPResponsePart.self) != nil {}
        try channel.writeInbound(HTTPRequestPart.head(expecting))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .head(HTTPResponse(status: .continue)))
    }
}
