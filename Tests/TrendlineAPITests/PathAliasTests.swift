import Foundation
import HTTPTypes
import Testing
import TrendlineAPI

/// ContentStats' guide, step by step, on its own `/api/v1` paths.
struct PathAliasTests {
    @Test func contentStatsCurlExamplesWorkOnTheirPaths() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await client.call(
                .post, "/api/v1/videos/track", key: app.key,
                json: #"{"video_link": "https://www.tiktok.com/@charlidamelio/video/7234567890", "duration_days": 7}"#)
            #expect(tracked.status == .created || tracked.status == .ok, "body: \(tracked.json)")
            let id = try #require(tracked.dataObject["id"] as? String ?? tracked.results.first?["video_id"] as? String)

            let detail = try await client.call(.get, "/api/v1/videos/\(id)", key: app.key)
            #expect(detail.status == .ok)
            #expect(detail.dataObject["platform"] as? String == "tiktok")
            #expect(detail.dataObject["snapshots"] is [Any])

            let listed = try await client.call(.get, "/api/v1/videos?platform=tiktok&status=monitoring", key: app.key)
            #expect(listed.dataArray.map { $0["id"] as? String } == [id])
            let none = try await client.call(.get, "/api/v1/videos?platform=youtube", key: app.key)
            #expect(none.status == .ok && none.dataArray.isEmpty, "the query string survives the rewrite")

            let stopped = try await client.call(.post, "/api/v1/videos/\(id)/stop", key: app.key)
            #expect(stopped.status == .ok)
            #expect(stopped.dataObject["status"] as? String == "stopped")

            let usage = try await client.call(.get, "/api/v1/usage", key: app.key)
            #expect(usage.status == .ok)
        }
    }

    @Test func aliasesAnswerErrorsAsTheirRoutesDo() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            expectError(try await client.call(.get, "/api/v1/usage", key: nil), .unauthorized, "UNAUTHORIZED")
            let missing = try await client.call(.get, "/api/v1/videos/00000000-0000-0000-0000-000000000000", key: app.key)
            expectError(missing, .notFound, "NOT_FOUND")
            // Only the `/api/v1/` prefix is an alias; the message names the path the client sent.
            let other = try await client.call(.get, "/api/v2/usage", key: app.key)
            expectError(other, .notFound, "NOT_FOUND")
            #expect((other.error["message"] as? String)?.contains("/api/v2/usage") == true)
            expectError(try await client.call(.get, "/api/v1usage", key: app.key), .notFound, "NOT_FOUND")
            let unknown = try await client.call(.get, "/api/v1/nope?x=1", key: app.key)
            expectError(unknown, .notFound, "NOT_FOUND")
            #expect(unknown.error["message"] as? String == "no route GET /api/v1/nope", "the alias as sent, not the /v1 path it became")
        }
    }
}
