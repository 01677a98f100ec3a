import Foundation
import HTTPTypes
import Testing
import Hummingbird
import HummingbirdTesting
import TrendlineCore
import TrendlineSQLite
import TrendlineStore
@testable import TrendlineAPI

/// Every /v1 route needs a key; other accounts' videos are invisible (404).
struct AuthTests {
    @Test func bothHeadersWork() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let bearer = try await client.call(.get, "/v1/ping", key: app.key)
            #expect(bearer.status == .ok)
            #expect(bearer.dataObject["pong"] as? Bool == true)
            #expect(bearer.dataObject["account"] as? String == "acme")
            let header = try await client.call(.get, "/v1/ping", key: nil, headers: [HTTPField.Name("X-API-Key")!: app.key])
            #expect(header.status == .ok)
        }
    }

    @Test func missingUnknownAndRevokedKeysGet401() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let missing = try await client.call(.get, "/v1/videos", key: nil)
            expectError(missing, .unauthorized, "UNAUTHORIZED")
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            expectError(try await client.call(.get, "/v1/videos", key: "tl_live_" + String(repeating: "Z", count: 32)), .unauthorized, "UNAUTHORIZED")
            expectError(try await client.call(.post, "/v1/videos/track", key: "garbage", json: #"{"url":"https://youtu.be/dQw4w9WgXcQ"}"#), .unauthorized, "UNAUTHORIZED")
            expectError(try await client.call(.get, "/v1/ping", key: nil, headers: [.authorization: "Basic abc"]), .unauthorized, "UNAUTHORIZED")

            _ = try await app.store.revokeKey(idOrPrefix: String(app.key.prefix(16)), at: Date())
            let revoked = try await client.call(.get, "/v1/ping", key: app.key)
            expectError(revoked, .unauthorized, "UNAUTHORIZED")
            #expect((revoked.error["message"] as? String)?.contains("revoked") == true)
        }
    }

    /// A read-only key reads and looks up; every change is 403 `READ_ONLY_KEY`, aliases too.
    @Test func aReadOnlyKeyReadsButChangesNothing() async throws {
        let app = try await TestApp.make()
        let readOnly = try await APIKeyService(repository: app.store).createKey(accountName: "acme", name: "client", readOnly: true).secret
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url": "https://youtu.be/dQw4w9WgXcQ"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let ping = try await client.call(.get, "/v1/ping", key: readOnly)
            #expect(ping.dataObject["read_only"] as? Bool == true)
            #expect(try await client.call(.get, "/v1/ping", key: app.key).dataObject["read_only"] as? Bool == false)
            #expect(try await client.call(.get, "/v1/videos", key: readOnly).dataArray.count == 1, "it reads the account's videos")
            #expect(try await client.call(.get, "/v1/videos/\(id)", key: readOnly).status == .ok)
            for (method, path, body) in [
                (HTTPRequest.Method.post, "/v1/videos/track", #"{"url": "https://youtu.be/9bZkp7q19f0"}"#),
                (.patch, "/v1/videos/\(id)", #"{"notes": "x"}"#), (.post, "/v1/videos/\(id)/stop", nil), (.delete, "/v1/videos/\(id)", nil),
                (.post, "/v1/videos/stop", #"{"ids": ["\#(id)"]}"#), (.post, "/v1/videos/delete", #"{"ids": ["\#(id)"]}"#), (.post, "/v1/webhooks", #"{"url": "https://hooks.example.com/x"}"#),
                (.post, "/api/v1/videos/track", #"{"video_link": "https://youtu.be/9bZkp7q19f0"}"#),
            ] {
                let refused = try await client.call(method, path, key: readOnly, json: body)
                expectError(refused, .forbidden, "READ_ONLY_KEY")
                #expect((refused.error["message"] as? String)?.contains(path) == true, "names what was refused: \(refused.error)")
            }
            let lookup = try await client.call(.post, "/v1/post/stats", key: readOnly, json: #"{"url": "https://youtu.be/dQw4w9WgXcQ"}"#)
            #expect(lookup.errorCode != "READ_ONLY_KEY", "a one-off lookup stores nothing: \(lookup.json)")
            let after = try await client.call(.get, "/v1/videos/\(id)", key: app.key)
            #expect(after.dataObject["status"] as? String == "monitoring" && after.dataObject["notes"] is NSNull, "nothing changed")
        }
    }

    /// A database outage is a 503 that says when to try again: nothing was changed.
    @Test func aStoreOutageIsA503WithRetryAfter() {
        let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/v1/videos"), body: .init(buffer: .init()))
        let error = ErrorEnvelopeMiddleware.apiError(for: StoreError.unavailable("down"), request: request)
        #expect(error.status == .serviceUnavailable && error.code == "SERVICE_UNAVAILABLE")
        #expect(error.headers[.retryAfter] == "2")
    }

    @Test func anotherAccountsVideoIsNotFound() async throws {
        let app = try await TestApp.make()
        let other = try await app.otherKey()
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            for (method, path) in [(HTTPRequest.Method.get, ""), (.get, "/snapshots"), (.get, "/export"), (.post, "/stop"), (.post, "/pause"), (.post, "/resume"), (.delete, "")] {
                let response = try await client.call(method, "/v1/videos/\(id)\(path)", key: other)
                expectError(response, .notFound, "NOT_FOUND")
                #expect(!"\(response.json)".contains("dQw4w9WgXcQ"), "no data of the other account leaks")
            }
            expectError(try await client.call(.patch, "/v1/videos/\(id)", key: other, json: #"{"notes":"x"}"#), .notFound, "NOT_FOUND")
            #expect(try await client.call(.get, "/v1/videos", key: other).dataArray.isEmpty)
            #expect(try await client.call(.get, "/v1/videos/\(id)", key: app.key).status == .ok, "still there for its owner")
        }
    }
}

/// Where a request's key is read from: `Authorization: Bearer` in any case, else `X-API-Key`.
struct PresentedKeyTests {
    @Test func bearerInAnyCaseWithSpacesAroundTheKey() {
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: "Bearer tl_live_abc", apiKey: nil) == "tl_live_abc")
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: "bEaReR   tl_live_abc \t", apiKey: nil) == "tl_live_abc")
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: " Bearer tl_live_abc", apiKey: nil) == "tl_live_abc")
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: "Bearer a b", apiKey: nil) == "a b", "the whole rest is the key")
    }

    @Test func otherSchemesAndEmptyTokensFallBackToTheKeyHeader() {
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: "Basic abc", apiKey: nil) == nil)
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: "Bearers abc", apiKey: nil) == nil)
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: "Bearer", apiKey: nil) == nil)
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: "Bearer    ", apiKey: " k2 ") == "k2")
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: "Basic abc", apiKey: "k2") == "k2")
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: nil, apiKey: "  ") == nil)
        #expect(APIKeyAuthMiddleware.presentedKey(authorization: "Bearer é", apiKey: nil) == "é")
    }
}
