import Foundation
import GRDB
import Testing
@testable import TrendlineSQLite

/// A store that cannot write (a full disk, a read-only file; here SQLite's `query_only`): a
/// write is a 503 that says why, reads still answer (recording the key's use is skipped, not
/// failed), and `/health` is degraded with the reason while the database stays reachable.
struct DiskProblemEndpointTests {
    @Test func writesAre503ReadsAnswerAndHealthSaysWhy() async throws {
        let app = try await TestApp.make()
        try await app.store.pool.base.write { db in try db.execute(sql: "PRAGMA query_only = 1") }
        try await app.test { client in
            // The key was never used: this read is the one that would record its use.
            let list = try await client.call(.get, "/v1/videos", key: app.key)
            #expect(list.status == .ok, "\(list.json)")
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}"#)
            #expect(tracked.status == .serviceUnavailable && tracked.errorCode == "SERVICE_UNAVAILABLE", "\(tracked.json)")
            #expect((tracked.error["message"] as? String)?.hasPrefix("the database is unavailable: the SQLite file cannot be written") == true, "\(tracked.json)")
            let health = try await client.call(.get, "/health", key: nil)
            #expect(health.status == .serviceUnavailable)
            #expect(health.dataObject["status"] as? String == "degraded")
            let database = try #require(health.dataObject["database"] as? [String: Any])
            #expect(database["reachable"] as? Bool == true)
            #expect((database["error"] as? String)?.hasPrefix("the SQLite file cannot be written") == true, "\(database)")
        }
    }
}
