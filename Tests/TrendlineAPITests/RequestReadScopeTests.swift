import Foundation
import HTTPTypes
import Testing
import HummingbirdTesting
import TrendlineStore
@testable import TrendlineSQLite

/// Each API request is one ``ReadScope``: a video detail (its key, then its tracking) asks
/// SQLite whether the database changed once, not once per read, and the next request asks again.
struct RequestReadScopeTests {
    @Test func aDetailChecksFreshnessOnceAndTheNextRequestSeesCommits() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            #expect(try await client.call(.get, "/v1/videos/\(id)", key: app.key).status == .ok)

            let checks = app.store.requestReaders.freshnessChecks
            let remembered = app.store.requestReaders.rememberedReads
            #expect(try await client.call(.get, "/v1/videos/\(id)", key: app.key).status == .ok)
            #expect(app.store.requestReaders.rememberedReads == remembered + 2, "key and tracking from the memo")
            #expect(app.store.requestReaders.freshnessChecks == checks + 1, "one check for both reads")

            _ = try await app.store.revokeKey(idOrPrefix: String(app.key.prefix(16)), at: Date())
            expectError(try await client.call(.get, "/v1/videos/\(id)", key: app.key), .unauthorized, "UNAUTHORIZED")
        }
    }
}
