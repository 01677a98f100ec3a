import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
@testable import TrendlineAPI

/// ``IdleConnectionCloser`` on an embedded channel, whose event loop runs on a clock the test
/// moves: deterministic where a live server's timing is not.
struct IdleConnectionCloserTests {
    static func channel(timeout: TimeAmount) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(IdleConnectionCloser(timeout: timeout))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    static let request = HTTPRequest(method: .get, scheme: nil, authority: "localhost", path: "/ping")

    /// One request answered: head and end read, head and end written.
    static func exchange(_ channel: EmbeddedChannel) throws {
        try channel.writeInbound(HTTPRequestPart.head(request))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
    }

    @Test func aConnectionAtWorkPastTheTimeoutIsKeptAndAnIdleOneIsClosed() throws {
        let channel = try Self.channel(timeout: .seconds(3))
        // A request every second for ten seconds, past the 3 s timeout.
        for _ in 0..<10 {
            try Self.exchange(channel)
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
            #expect(channel.isActive, "a connection at work is kept")
        }
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1_999))
        #expect(channel.isActive, "not before the timeout")
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive, "closed once 3 s passed with nothing in progress")
    }

    @Test func theClockStopsWhileARequestIsInProgress() throws {
        let channel = try Self.channel(timeout: .seconds(3))
        try channel.writeInbound(HTTPRequestPart.head(Self.request))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(channel.isActive, "the answer is being made: no clock runs")
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(3))
        #expect(!channel.isActive, "the clock starts again at the answer's end")
    }
}
