import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
@testable import TrendlineAPI

/// `POST /v1/mcp` on the served application (``buildApplication``, port 0): the MCP handshake,
/// tool calls that reach the REST API with the caller's key, notifications and batches, and
/// what the endpoint refuses.
struct MCPEndpointTests {
    static func rpc(_ client: any TestClientProtocol, key: String?, _ body: String, headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, text: String, json: Any?) {
        var fields = headers
        if let key { fields[.authorization] = "Bearer \(key)" }
        fields[.contentType] = "application/json"
        fields[.accept] = "application/json, text/event-stream"
        return try await client.execute(uri: "/v1/mcp", method: .post, headers: fields, body: ByteBuffer(string: body)) { response in
            let bytes = Data(response.body.readableBytesView)
            return (response.status, response.headers, String(decoding: bytes, as: UTF8.self), try? JSONSerialization.jsonObject(with: bytes))
        }
    }

    @Test func aToolCallCountsOnceAgainstTheRateLimitAndOtherMessagesCountHere() async throws {
        var configuration = APIConfiguration()
        configuration.requestsPerMinute = 5
        let app = try await TestApp.make(configuration: configuration)
        let application = buildApplication(app.dependencies, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
        let remaining = HTTPField.Name("X-RateLimit-Remaining")!
        try await application.test(.live) { client in
            let listed = try await Self.rpc(client, key: app.key, #"{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}"#)
            #expect(listed.status == .ok && listed.headers[remaining] == "4", "a message that is not a tool call is one request: \(listed.headers)")
            for id in 2...3 {
                let called = try await Self.rpc(client, key: app.key, #"{"jsonrpc": "2.0", "id": \#(id), "method": "tools/call", "params": {"name": "usage", "arguments": {}}}"#)
                #expect(((called.json as? [String: Any])?["result"] as? [String: Any])?["isError"] as? Bool == false, "\(called.text)")
            }
            let ping = try await client.call(.get, "/v1/ping", key: app.key)
            #expect(ping.headers[remaining] == "1", "two tool calls took two requests, not four: \(ping.headers)")
            let batch = try await Self.rpc(client, key: app.key, #"[{"jsonrpc": "2.0", "id": "a", "method": "ping"}, {"jsonrpc": "2.0", "id": "b", "method": "ping"}]"#)
            #expect(batch.status == .tooManyRequests && batch.text.contains("RATE_LIMIT_EXCEEDED"), "a batch costs a request per message: \(batch.text)")
            #expect(batch.headers[.retryAfter] != nil)
        }
    }

    @Test func anAgentOverHTTPTracksAVideoAndReadsItBack() async throws {
        let app = try await TestApp.make()
        let key = app.key
        let application = buildApplication(app.dependencies, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
        try await application.test(.live) { client in
            let hello = try await Self.rpc(client, key: key, #"{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}}"#)
            #expect(hello.status == .ok && hello.headers[.contentType] == "application/json", "\(hello.text)")
            #expect(((hello.json as? [String: Any])?["result"] as? [String: Any])?["protocolVersion"] as? String == "2025-06-18")
            let initialized = try await Self.rpc(client, key: key, #"{"jsonrpc": "2.0", "method": "notifications/initialized"}"#, headers: [MCPRoutes.protocolVersion: "2025-06-18"])
            #expect(initialized.status == .accepted && initialized.text.isEmpty)

            let tracked = try await Self.rpc(client, key: key, #"{"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "track_videos", "arguments": {"urls": ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]}}}"#)
            let result = try #require((tracked.json as? [String: Any])?["result"] as? [String: Any], "\(tracked.text)")
            #expect(result["isError"] as? Bool == false, "\(tracked.text)")
            let text = try #require(((result["content"] as? [[String: Any]])?.first)?["text"] as? String)
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let id = try #require((((answer["data"] as? [String: Any])?["results"] as? [[String: Any]])?.first)?["video_id"] as? String, "\(text)")

            // The tool's request reached the REST API with this key: the video is the key's account's.
            let listed = try await client.call(.get, "/v1/videos", key: key)
            #expect(listed.dataArray.compactMap { $0["id"] as? String } == [id])
            let other = try await app.otherKey()
            let theirs = try await Self.rpc(client, key: other, #"{"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "get_video", "arguments": {"id": "\#(id)"}}}"#)
            let refused = try #require((theirs.json as? [String: Any])?["result"] as? [String: Any])
            #expect(refused["isError"] as? Bool == true && theirs.text.contains("NOT_FOUND"), "another key sees none of it: \(theirs.text)")

            // A batch: answers in order, the notification unanswered.
            let batch = try await Self.rpc(client, key: key, #"[{"jsonrpc": "2.0", "id": "a", "method": "ping"}, {"jsonrpc": "2.0", "method": "notifications/cancelled"}, {"jsonrpc": "2.0", "id": "b", "method": "tools/list"}]"#)
            let answers = try #require(batch.json as? [[String: Any]], "\(batch.text)")
            #expect(answers.map { $0["id"] as? String } == ["a", "b"])
            #expect((((answers.last?["result"] as? [String: Any])?["tools"]) as? [Any])?.isEmpty == false)
            let onlyNotifications = try await Self.rpc(client, key: key, #"[{"jsonrpc": "2.0", "method": "notifications/initialized"}]"#)
            #expect(onlyNotifications.status == .accepted)
        }
    }

    @Test func whatTheEndpointRefuses() async throws {
        let app = try await TestApp.make()
        let key = app.key
        let application = buildApplication(app.dependencies, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
        try await application.test(.live) { client in
            let ping = #"{"jsonrpc": "2.0", "id": 1, "method": "ping"}"#
            let noKey = try await Self.rpc(client, key: nil, ping)
            #expect(noKey.status == .unauthorized && noKey.text.contains("UNAUTHORIZED"))
            let elsewhere = try await Self.rpc(client, key: key, ping, headers: [.origin: "https://evil.example"])
            #expect(elsewhere.status == .forbidden && elsewhere.text.contains("FORBIDDEN_ORIGIN"), "\(elsewhere.text)")
            let version = try await Self.rpc(client, key: key, ping, headers: [MCPRoutes.protocolVersion: "1999-01-01"])
            #expect(version.status == .badRequest && version.text.contains("MCP-Protocol-Version"), "\(version.text)")
            let empty = try await Self.rpc(client, key: key, "")
            #expect(empty.status == .badRequest && empty.text.contains("INVALID_JSON"))
            let garbage = try await Self.rpc(client, key: key, "not json")
            #expect(garbage.status == .ok && (((garbage.json as? [String: Any])?["error"] as? [String: Any])?["code"] as? Int) == -32700, "JSON-RPC's own parse error")
            let stream = try await client.call(.get, "/v1/mcp", key: key)
            expectError(stream, .methodNotAllowed, "METHOD_NOT_ALLOWED")
            #expect(stream.headers[.allow] == "POST, OPTIONS")
            let options = try await client.execute(uri: "/v1/mcp", method: .options) { $0 }
            #expect(options.status == .noContent && options.headers[.allow] == "POST, OPTIONS", "the refusing GET and DELETE are not offered: \(options.headers)")
        }
    }

    @Test func onlyAPageOfThisServerMayCall() throws {
        func request(origin: String?, authority: String) -> Request {
            var fields = HTTPFields()
            if let origin { fields[.origin] = origin }
            return Request(
                head: HTTPRequest(method: .post, scheme: "http", authority: authority, path: "/v1/mcp", headerFields: fields),
                body: .init(buffer: ByteBuffer()))
        }
        #expect(throws: Never.self) { try MCPRoutes.checkOrigin(request(origin: nil, authority: "127.0.0.1:8080")) }
        #expect(throws: Never.self) { try MCPRoutes.checkOrigin(request(origin: "http://127.0.0.1:8080", authority: "127.0.0.1:8080")) }
        #expect(throws: Never.self) { try MCPRoutes.checkOrigin(request(origin: "https://Trendline.Example.com", authority: "trendline.example.com")) }
        #expect(throws: APIError.self) { try MCPRoutes.checkOrigin(request(origin: "http://127.0.0.1:9999", authority: "127.0.0.1:8080")) }
        #expect(throws: APIError.self) { try MCPRoutes.checkOrigin(request(origin: "null", authority: "127.0.0.1:8080")) }
    }

    @Test func theOwnAddressIsReachedOnLoopbackForAWildcardBind() throws {
        #expect(OwnAddress.baseURL(for: try SocketAddress(ipAddress: "0.0.0.0", port: 8080)) == "http://127.0.0.1:8080")
        #expect(OwnAddress.baseURL(for: try SocketAddress(ipAddress: "::", port: 8080)) == "http://[::1]:8080")
        #expect(OwnAddress.baseURL(for: try SocketAddress(ipAddress: "10.0.0.5", port: 80)) == "http://10.0.0.5:80")
    }
}
