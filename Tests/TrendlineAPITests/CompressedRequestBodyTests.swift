import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import TrendlineAPI

/// Request bodies sent gzip-compressed (`Content-Encoding: gzip`) are inflated, within the
/// body limit, before they are read as JSON.
struct CompressedRequestBodyTests {
    static func gzip(_ text: String) throws -> ByteBuffer {
        var plain = ByteBuffer(string: text)
        return try plain.compress(with: .gzip())
    }

    static func post(_ client: some TestClientProtocol, key: String, body: ByteBuffer, encoding: String = "gzip") async throws -> JSONResponse {
        try await client.call(.post, "/v1/videos/track", key: key, bytes: body, headers: [.contentEncoding: encoding])
    }

    @Test func aGzipBodyIsReadAsItsJSON() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await Self.post(client, key: app.key, body: try Self.gzip(#"{"urls": ["https://youtu.be/dQw4w9WgXcQ"], "duration_days": 7}"#))
            #expect(tracked.status == .ok, "\(tracked.json)")
            #expect(tracked.results.first?["duration_days"] as? Int == 7 && tracked.results.first?["status"] as? String == "tracked")
            let upper = try await Self.post(client, key: app.key, body: try Self.gzip(#"{"url": "https://youtu.be/9bZkp7q19f0"}"#), encoding: " X-GZIP ")
            #expect(upper.status == .ok, "x-gzip, any case: \(upper.json)")
            // Its checks run on the inflated body: a misspelt field is still named.
            let misspelt = try await Self.post(client, key: app.key, body: try Self.gzip(#"{"url": "https://youtu.be/dQw4w9WgXcQ", "duration_day": 7}"#))
            expectError(misspelt, .badRequest, "VALIDATION_ERROR", field: "duration_day")
        }
    }

    @Test func whatDoesNotInflateWithinTheLimitIsRefused() async throws {
        let app = try await TestApp.make()
        let limit = APIConfiguration.defaultBodyLimit
        try await app.test { client in
            // Twice the limit of one letter is a few KB gzipped: small on the wire, over the limit inflated.
            let bomb = try Self.gzip(#"{"notes": ""# + String(repeating: "a", count: 2 * limit) + #""}"#)
            #expect(bomb.readableBytes < 10_000)
            let tooLarge = try await Self.post(client, key: app.key, body: bomb)
            expectError(tooLarge, .contentTooLarge, "PAYLOAD_TOO_LARGE")
            #expect(tooLarge.error["message"] as? String == "the request body inflates to more than \(limit) bytes")
            let notGzip = try await Self.post(client, key: app.key, body: ByteBuffer(string: #"{"url": "https://youtu.be/dQw4w9WgXcQ"}"#))
            expectError(notGzip, .badRequest, "INVALID_JSON")
            #expect(notGzip.error["message"] as? String == "the request body is sent with Content-Encoding: gzip but is not gzip data")
            let empty = try await Self.post(client, key: app.key, body: try Self.gzip(""))
            expectError(empty, .badRequest, "INVALID_JSON")
        }
    }
}
