import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TrendlineAPI
import TrendlineProviders
import TrendlineSimulator
import TrendlineSnapshots

/// One-off stats and a refresh through the real provider chains against the simulator, when
/// the platform says no: a private or deleted video is `404 VIDEO_UNAVAILABLE` (retrying will
/// not help; it was a 502 that clients retry), a platform throttling every provider is
/// `429 UPSTREAM_RATE_LIMITED` with its `Retry-After`, and a platform failing is still `502`.
@Suite(.serialized)
struct PostStatsFailureTests {
    static let client = AsyncHTTPUpstreamClient(timeout: .seconds(30))

    @Test func whatThePlatformSaidDecidesTheAnswer() async throws {
        let simulator = PlatformSimulator()
        simulator.state.set(.privateVideo, forIDsContaining: "9006")
        simulator.state.set(.deleted, forIDsContaining: "9007")
        simulator.state.set(.rateLimited, forIDsContaining: "9005")
        simulator.state.set(.serverError, forIDsContaining: "9004")
        try await simulator.withRunningServer { base in
            // TikTok and X through their own APIs only (no yt-dlp in the chain).
            var settings = ProviderSettings(endpoints: .all(at: base), xBearerToken: "token")
            settings.order = [.tiktok: ["tiktok-web"], .x: ["x-api-v2"]]
            let live = ChainLiveStats(chains: try ProviderRegistry.chains(settings, client: Self.client))
            let app = try await TestApp.make(liveStats: live)
            try await app.test { client in
                func stats(_ url: String) async throws -> JSONResponse {
                    try await client.call(.post, "/v1/post/stats", key: app.key, json: #"{"url": "\#(url)"}"#)
                }
                for url in ["https://www.tiktok.com/@a/video/70000000000009006", "https://www.tiktok.com/@a/video/70000000000009007",
                            "https://x.com/a/status/14600000000009007"] {
                    let gone = try await stats(url)
                    expectError(gone, .notFound, "VIDEO_UNAVAILABLE")
                    #expect((gone.error["message"] as? String)?.hasPrefix("the platform says the video is private or deleted: ") == true, "\(gone.json)")
                }
                let throttled = try await stats("https://www.tiktok.com/@a/video/70000000000009005")
                expectError(throttled, .tooManyRequests, "UPSTREAM_RATE_LIMITED")
                #expect(throttled.headers[.retryAfter] == "30", "the simulator's Retry-After: \(throttled.headers)")
                expectError(try await stats("https://x.com/a/status/14600000000009004"), .badGateway, "UPSTREAM_ERROR")
                #expect(try await stats("https://www.tiktok.com/@a/video/70000000000009001").status == .ok, "a video the platform answers for")

                // A tracked video's refresh says the same.
                let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url": "https://www.tiktok.com/@a/video/70000000000009007"}"#)
                let id = try #require(tracked.results.first?["video_id"] as? String)
                expectError(try await client.call(.post, "/v1/videos/\(id)/refresh", key: app.key), .notFound, "VIDEO_UNAVAILABLE")
                #expect(try await client.call(.get, "/v1/videos/\(id)", key: app.key).status == .ok, "the tracked video stays")
            }
        }
    }
}
