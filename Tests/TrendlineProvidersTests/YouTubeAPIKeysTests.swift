import Foundation
import Testing
import TrendlineDomain
import TrendlineProviders
import TrendlineSimulator

/// YouTube API keys whose daily quota is spent are set aside until the reset.
struct YouTubeAPIKeysTests {
    static let morning = Date(timeIntervalSince1970: 1_796_637_600)  // 2026-12-07T10:00:00Z, 02:00 in Los Angeles (PST)

    @Test func aSpentKeyIsSkippedUntilMidnightPacificTime() {
        let keys = YouTubeAPIKeys(["a", "b", "", "c"])
        #expect(keys.keys == ["a", "b", "c"])
        #expect([keys.next(at: Self.morning), keys.next(at: Self.morning), keys.next(at: Self.morning), keys.next(at: Self.morning)] == ["a", "b", "c", "a"])
        keys.markSpent("b", at: Self.morning)
        #expect((0..<4).map { _ in keys.next(at: Self.morning) } == ["c", "a", "c", "a"], "b is skipped")
        let reset = YouTubeAPIKeys.quotaReset(after: Self.morning)
        #expect(reset == Date(timeIntervalSince1970: 1_796_716_800), "2026-12-08T08:00:00Z, midnight PST")
        #expect(keys.secondsUntilAKeyReturns(at: Self.morning) == 22 * 3600)
        keys.markSpent("a", at: Self.morning)
        keys.markSpent("c", at: Self.morning)
        #expect(keys.next(at: Self.morning) == nil, "every key spent")
        #expect(keys.next(at: reset) != nil, "back at the reset")
        // Summer: midnight PDT is 07:00 UTC.
        #expect(YouTubeAPIKeys.quotaReset(after: Date(timeIntervalSince1970: 1_782_874_740)) == Date(timeIntervalSince1970: 1_782_889_200),
                "2026-07-01T02:59Z (June 30, 19:59 PDT) resets at 2026-07-01T07:00Z")
    }

    @Test func videoCallsMoveToTheNextKeyWhenOnesQuotaIsSpent() async throws {
        let state = SimulatorState()
        state.set(.quotaExceeded, forIDsContaining: "spent")
        try await withSimulator(PlatformSimulator(state: state, clock: { frozenNow })) { simulator, base in
            let provider = YouTubeDataAPIProvider(client: sharedUpstream, endpoints: .all(at: base), apiKeys: ["spent-1", "fresh-2"], now: { Self.morning })
            let videos = ["dQw4w9WgXcQ", "9bZkp7q19f0"].map { VideoURL(platform: .youtube, externalID: $0, canonicalURL: "https://www.youtube.com/watch?v=\($0)") }
            let first = await provider.fetch(videos)
            #expect(first.values.allSatisfy { (try? $0.get()) != nil }, "answered with the other key: \(first)")
            #expect(simulator.state.requests("youtube.videos.list") == 2, "the spent key's refusal, then the call again")
            _ = await provider.fetch(videos)
            #expect(simulator.state.requests("youtube.videos.list") == 3, "the spent key is not tried again today")
        }
        try await withSimulator(PlatformSimulator(state: state, clock: { frozenNow })) { simulator, base in
            let provider = YouTubeDataAPIProvider(client: sharedUpstream, endpoints: .all(at: base), apiKeys: ["spent-1", "spent-2"], now: { Self.morning })
            let video = VideoURL(platform: .youtube, externalID: "dQw4w9WgXcQ", canonicalURL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
            guard case .failure(.rateLimited(let after))? = await provider.fetch([video])[video.externalID] else { Issue.record("every key spent is a wait"); return }
            #expect(after == TimeInterval(22 * 3600), "until the quota resets")
            let calls = simulator.state.requests("youtube.videos.list")
            _ = await provider.fetch([video])
            #expect(simulator.state.requests("youtube.videos.list") == calls, "no call while every key is spent")
        }
    }

    @Test func channelCallsMoveToTheNextKeyToo() async throws {
        let state = SimulatorState()
        state.set(.quotaExceeded, forIDsContaining: "spent")
        try await withSimulator(PlatformSimulator(state: state, epoch: frozenNow, clock: { frozenNow })) { simulator, base in
            let provider = YouTubeChannelProvider(client: sharedUpstream, endpoints: .all(at: base), apiKeys: ["spent-1", "fresh-2"])
            let profile = try await provider.profile(CreatorHandle(platform: .youtube, username: "@maker")).get()
            #expect(profile.platformID?.hasPrefix("UC") == true)
            #expect(simulator.state.requests("youtube.channels.list") == 2)
            let videos = try await provider.recentVideos(CreatorHandle(platform: .youtube, username: "@maker"), profile: profile, limit: 5).get()
            #expect(simulator.state.requests("youtube.playlistItems.list") == 1, "the spent key is skipped: \(videos.count) videos")
        }
    }
}
