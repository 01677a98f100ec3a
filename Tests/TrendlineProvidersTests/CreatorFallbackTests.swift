import Foundation
import Testing
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineSimulator

/// Creator reads through each platform's chain, against the simulator on loopback, with the
/// fake yt-dlp (scripts/fake-yt-dlp) asking the same simulator.
struct CreatorFallbackTests {
    func settings(_ base: String, order: [Platform: [String]] = ProviderSettings.defaultOrder, youtubeKeys: [String] = []) -> ProviderSettings {
        var settings = ProviderSettings(
            endpoints: .all(at: base), youtubeAPIKeys: youtubeKeys, ytdlpPath: scriptsDirectory.appendingPathComponent("fake-yt-dlp").path, order: order)
        settings.ytdlpEnvironment = ["TRENDLINE_SIMULATOR_URL": base]
        return settings
    }

    func creatorSource(_ settings: ProviderSettings) -> ProviderCreatorSource {
        ProviderCreatorSource(chains: CreatorProviderRegistry.chains(settings, client: sharedUpstream))
    }

    @Test func theChainsFollowTheVideoProviderOrder() {
        let defaults = CreatorProviderRegistry.chains(ProviderSettings(), client: sharedUpstream)
        #expect(defaults[.tiktok]?.providers.map(\.name) == ["tiktok-web", "yt-dlp"])
        #expect(defaults[.youtube]?.providers.map(\.name) == ["youtube-data-api", "yt-dlp"], "the watch page lists no channels")
        #expect(defaults[.instagram]?.providers.map(\.name) == ["instagram-web-profile"])
        #expect(defaults[.x]?.providers.map(\.name) == ["x-api-v2"], "yt-dlp lists no X accounts")
        #expect(defaults[.facebook] == nil)

        let environment = ["TRENDLINE_TIKTOK_PROVIDERS": "yt-dlp,tiktok-web", "TRENDLINE_YOUTUBE_PROVIDERS": "youtube-data-api"]
        let custom = CreatorProviderRegistry.chains(ProviderSettings.fromEnvironment(environment), client: sharedUpstream)
        #expect(custom[.tiktok]?.providers.map(\.name) == ["yt-dlp", "tiktok-web"])
        #expect(custom[.youtube]?.providers.map(\.name) == ["youtube-data-api"])
    }

    /// TikTok refuses the web provider with an empty 200: it cannot read it, and yt-dlp lists
    /// the videos.
    @Test func tiktokFallsBackToYtDlpWhenTheWebListIsRefused() async throws {
        let state = SimulatorState()
        state.set(.empty, forIDsContaining: "refused")
        try await withSimulator(PlatformSimulator(state: state, epoch: frozenNow, clock: { frozenNow })) { simulator, base in
            let handle = CreatorHandle(platform: .tiktok, username: "refused_creator")
            let web = TikTokCreatorProvider(client: sharedUpstream, endpoints: .all(at: base))
            guard case .failure(.malformed) = await web.recentVideos(handle, profile: nil, limit: 5) else {
                Issue.record("the web provider alone should fail on the empty answer"); return
            }

            let source = creatorSource(settings(base))
            let profile = try await source.profile(handle).get()
            #expect(profile.provider == "yt-dlp")
            #expect(profile.value.platformID == "MS4wLjABAAAArefused_creator")
            #expect(profile.value.fullName == "Refused Creator")

            let before = simulator.state.requests("ytdlp")
            let recent = try await source.recentVideos(handle, profile: profile.value, limit: 5).get()
            #expect(recent.provider == "yt-dlp")
            #expect(recent.value.count == 5, "the limit reaches yt-dlp as --playlist-end")
            #expect(simulator.state.requests("ytdlp") == before + 1)
            let newest = try #require(recent.value.first)
            #expect(newest.url == "https://www.tiktok.com/@refused_creator/video/\(newest.id)")
            #expect(newest.counts == simulator.counts(for: newest.id))
            #expect(recent.value.map(\.createdAt) == recent.value.map(\.createdAt).sorted { ($0 ?? .distantPast) > ($1 ?? .distantPast) })
        }
    }

    @Test func aWorkingWebListNeverStartsYtDlp() async throws {
        try await withSimulator(PlatformSimulator(epoch: frozenNow, clock: { frozenNow })) { simulator, base in
            let handle = CreatorHandle(platform: .tiktok, username: "steady_creator")
            let recent = try await creatorSource(settings(base)).recentVideos(handle, profile: nil, limit: 3).get()
            #expect(recent.provider == "tiktok-web")
            #expect(recent.value.count == 3)
            #expect(simulator.state.requests("ytdlp") == 0)
        }
    }

    /// "Private" and "no such account" are answers, not failures of a provider: no fallback.
    @Test func aPrivateAccountIsFinal() async throws {
        let state = SimulatorState()
        state.set(.privateVideo, forIDsContaining: "hidden")
        try await withSimulator(PlatformSimulator(state: state, epoch: frozenNow, clock: { frozenNow })) { simulator, base in
            let failure = await creatorSource(settings(base)).profile(CreatorHandle(platform: .tiktok, username: "hidden_one"))
            guard case .failure(let why) = failure else { Issue.record("expected a failure"); return }
            #expect(why.kind == .notFound)
            #expect(simulator.state.requests("ytdlp") == 0)
        }
    }

    @Test func anAccountWithNoVideosIsAnEmptyListThroughYtDlp() async throws {
        try await withSimulator(PlatformSimulator(epoch: frozenNow, clock: { frozenNow })) { simulator, base in
            let only = settings(base, order: [.tiktok: ["yt-dlp"]])
            let handle = CreatorHandle(platform: .tiktok, username: "noposts_yet")
            let recent = try await creatorSource(only).recentVideos(handle, profile: nil, limit: 10).get()
            #expect(recent.value.isEmpty)
            #expect(recent.provider == "yt-dlp")
            let profile = try await creatorSource(only).profile(handle).get()
            #expect(profile.value.postsCount == 0)
            #expect(profile.value.isPartial, "the rest of the profile is unknown, so discovery keeps what it knew")

            let posting = try await creatorSource(only).recentVideos(CreatorHandle(platform: .tiktok, username: "posts_often"), profile: nil, limit: 10).get()
            #expect(posting.value.count == 10, "the same path lists an account that has posted")
        }
    }

    /// A throttled web list stays a throttle (with its Retry-After) when yt-dlp cannot run here,
    /// and the message names both attempts.
    @Test func aThrottleIsNotHiddenByAMissingYtDlp() async throws {
        let state = SimulatorState()
        state.set(.rateLimited, forIDsContaining: "busy")
        try await withSimulator(PlatformSimulator(state: state, epoch: frozenNow, clock: { frozenNow }, retryAfterSeconds: 23)) { _, base in
            var missing = settings(base)
            missing.ytdlpPath = "/nonexistent/yt-dlp"
            let result = await creatorSource(missing).profile(CreatorHandle(platform: .tiktok, username: "busy_creator"))
            guard case .failure(let why) = result else { Issue.record("expected a failure"); return }
            #expect(why.kind == .rateLimited)
            #expect(why.retryAfter == 23)
            #expect(why.message.contains("tiktok-web: rate limited"))
            #expect(why.message.contains("yt-dlp: unavailable"))
        }
    }

    /// Without a Data API key, a YouTube channel is listed from its videos tab through yt-dlp.
    @Test func youtubeWithoutAKeyListsTheChannelTab() async throws {
        let state = SimulatorState()
        state.set(.deleted, forIDsContaining: "vanished")
        try await withSimulator(PlatformSimulator(state: state, epoch: frozenNow, clock: { frozenNow })) { simulator, base in
            let source = creatorSource(settings(base))
            let handle = CreatorHandle(platform: .youtube, username: "@tab_channel")
            let profile = try await source.profile(handle).get()
            #expect(profile.provider == "yt-dlp")
            #expect(profile.value.platformID?.hasPrefix("UC") == true)
            #expect(profile.value.followers != nil)
            #expect(profile.value.fullName == "Tab Channel")

            let recent = try await source.recentVideos(handle, profile: profile.value, limit: 4).get()
            #expect(recent.value.count == 4)
            #expect(recent.value.allSatisfy { $0.url.hasPrefix("https://www.youtube.com/watch?v=") && $0.createdAt == nil })
            let first = try #require(recent.value.first)
            #expect(first.counts.views == simulator.counts(for: first.id).views)

            let gone = await source.profile(CreatorHandle(platform: .youtube, username: "@vanished"))
            guard case .failure(let why) = gone else { Issue.record("expected not found"); return }
            #expect(why.kind == .notFound)
            #expect(why.message.contains("youtube-data-api: unavailable"))
        }
    }
}
