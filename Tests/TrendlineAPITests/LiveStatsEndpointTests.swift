import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing
import TrendlineCore
import TrendlineDomain

/// A scripted ``LiveStats``: counts grow by 10 views per call; ids containing "fail" fail.
final class ScriptedLiveStats: LiveStats {
    let calls = Mutex(0)

    func fetch(_ video: VideoURL) async -> Result<LiveReading, LiveStatsFailure> {
        let call = calls.withLock { value -> Int in
            value += 1
            return value
        }
        if video.externalID.contains("fail") || video.externalID.hasPrefix("999") {
            return .failure(LiveStatsFailure(attempts: ["tiktok-web: upstream error: HTTP 503", "yt-dlp: unavailable: yt-dlp not found"], videoUnavailable: false))
        }
        return .success(LiveReading(
            counts: Counts(views: Int64(100 + 10 * call), likes: 5, comments: nil, shares: 0, saves: nil),
            metadata: .init(title: "t", author: "someone"), provider: "scripted", fetchedAt: Date().addingTimeInterval(Double(call) / 1000)))
    }
}

/// ``ScriptedLiveStats`` that takes 300 ms per fetch, so asks can overlap.
final class SlowLiveStats: LiveStats {
    let scripted = ScriptedLiveStats()
    var callCount: Int { scripted.calls.withLock { $0 } }

    func fetch(_ video: VideoURL) async -> Result<LiveReading, LiveStatsFailure> {
        try? await Task.sleep(for: .milliseconds(300))
        return await scripted.fetch(video)
    }
}

/// `POST /v1/videos/{id}/refresh` and `POST /v1/post/stats`.
struct LiveStatsEndpointTests {
    @Test func refreshTakesASnapshotWithinTheDailyLimit() async throws {
        let live = ScriptedLiveStats()
        let app = try await TestApp.make(configuration: .init(refreshesPerDay: 2), liveStats: live)
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://www.tiktok.com/@a/video/123"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let first = try await client.call(.post, "/v1/videos/\(id)/refresh", key: app.key)
            #expect(first.status == .ok)
            #expect((first.dataObject["snapshots"] as? [[String: Any]])?.count == 1)
            #expect(first.dataObject["views"] as? Int == 110)
            #expect(first.dataObject["last_snapshot_at"] is String)
            let second = try await client.call(.post, "/v1/videos/\(id)/refresh", key: app.key)
            #expect((second.dataObject["snapshots"] as? [[String: Any]])?.count == 2)
            expectError(try await client.call(.post, "/v1/videos/\(id)/refresh", key: app.key), .tooManyRequests, "RATE_LIMIT_EXCEEDED")
            #expect(live.calls.withLock { $0 } == 2, "the third refresh never reached the platform")
        }
    }

    @Test func refreshFailuresNameEveryProviderAndEndedTrackingsConflict() async throws {
        let app = try await TestApp.make(liveStats: ScriptedLiveStats())
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"urls":["https://www.tiktok.com/@a/video/999","https://www.tiktok.com/@a/video/124"]}"#)
            let failing = try #require(tracked.results[0]["video_id"] as? String)
            let response = try await client.call(.post, "/v1/videos/\(failing)/refresh", key: app.key)
            expectError(response, .badGateway, "UPSTREAM_ERROR")
            let message = response.error["message"] as? String ?? ""
            #expect(message.contains("tiktok-web") && message.contains("yt-dlp"))

            let other = try #require(tracked.results[1]["video_id"] as? String)
            _ = try await client.call(.post, "/v1/videos/\(other)/stop", key: app.key)
            expectError(try await client.call(.post, "/v1/videos/\(other)/refresh", key: app.key), .conflict, "CONFLICT")
        }
    }

    /// Asks for one video at the same moment make one upstream call; the others wait for it.
    @Test func simultaneousAsksForOneVideoShareOneFetch() async throws {
        let live = SlowLiveStats()
        let service = OneOffStatsService(live: live, resolver: UnconfiguredShortLinkResolver())
        let outcomes = await withTaskGroup(of: Bool?.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    guard case .stats(_, let reading, let cached) = await service.stats(for: "https://youtu.be/dQw4w9WgXcQ") else { return nil }
                    return reading.counts.views == 110 ? cached : nil
                }
            }
            return await group.reduce(into: [Bool?]()) { $0.append($1) }
        }
        #expect(live.callCount == 1, "one fetch for eight asks")
        #expect(outcomes.filter { $0 == false }.count == 1 && outcomes.filter { $0 == true }.count == 7, "\(outcomes)")
    }

    @Test func postStatsIsCachedAndSaysSo() async throws {
        let live = ScriptedLiveStats()
        let app = try await TestApp.make(liveStats: live)
        try await app.test { client in
            let first = try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ?si=x"}"#)
            #expect(first.status == .ok)
            #expect(first.meta["cached"] as? Bool == false)
            #expect(first.meta["platform"] as? String == "youtube")
            #expect(first.dataObject["post_id"] as? String == "dQw4w9WgXcQ")
            #expect(first.dataObject["post_url"] as? String == "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
            #expect(first.dataObject["views"] as? Int == 110)
            #expect(first.dataObject["comments"] is NSNull)
            #expect(first.dataObject["provider"] as? String == "scripted")
            let second = try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{"url":"https://www.youtube.com/shorts/dQw4w9WgXcQ"}"#)
            #expect(second.meta["cached"] as? Bool == true, "another form of the same video hits the cache")
            #expect(second.dataObject["views"] as? Int == 110)
            #expect(live.calls.withLock { $0 } == 1)
        }
    }

    @Test func postStatsErrors() async throws {
        let live = ScriptedLiveStats()
        let app = try await TestApp.make(liveStats: live)
        try await app.test { client in
            expectError(try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{}"#), .badRequest, "VALIDATION_ERROR", field: "url")
            expectError(try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{"url":"https://vimeo.com/1"}"#), .unprocessableContent, "UNSUPPORTED_PLATFORM", field: "url")
            expectError(try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ","platform":"tiktok"}"#), .unprocessableContent, "PLATFORM_MISMATCH", field: "platform")
            expectError(try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ","platform":"myspace"}"#), .badRequest, "VALIDATION_ERROR", field: "platform")
            expectError(try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{"url":"https://x.com/a/status/999"}"#), .badGateway, "UPSTREAM_ERROR")
            expectError(try await client.call(.post, "/v1/post/stats", key: nil, json: #"{"url":"https://x.com/a/status/1"}"#), .unauthorized, "UNAUTHORIZED")
            live.calls.withLock { $0 = 0 }
            expectError(try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{"url":"https://x.com/a/status/999","platform":"tiktok"}"#),
                        .unprocessableContent, "PLATFORM_MISMATCH", field: "platform")
            expectError(try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{"url":"https://vm.tiktok.com/ZMabc123/","platform":"youtube"}"#),
                        .unprocessableContent, "PLATFORM_MISMATCH", field: "platform")
            #expect(live.calls.withLock { $0 } == 0, "a platform that contradicts the URL is refused before any upstream call")
        }
    }
}
