import Foundation
import Testing
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineSimulator

/// The video and creator providers of one process share what they learn of an upstream
/// (``ProviderSessions``): a YouTube key found spent, and the cookies TikTok set.
struct ProviderSessionsTests {
    static let video = VideoURL(platform: .youtube, externalID: "dQw4w9WgXcQ", canonicalURL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    static let walled = VideoURL(platform: .tiktok, externalID: "7430511437199543584", canonicalURL: "https://www.tiktok.com/@creator/video/7430511437199543584")

    /// The channel calls' requests to `channels.list` after a video call found the first key
    /// spent, with the two registries sharing a session or each making its own.
    func channelCallsAfterAVideoCall(shared: Bool) async throws -> Int {
        let state = SimulatorState()
        state.set(.quotaExceeded, forIDsContaining: "spent")
        return try await withSimulator(PlatformSimulator(state: state, epoch: frozenNow, clock: { frozenNow })) { simulator, base in
            let settings = ProviderSettings(endpoints: .all(at: base), youtubeAPIKeys: ["spent-1", "fresh-2"])
            let sessions = ProviderSessions(settings)
            let videos = try ProviderRegistry.chains(settings, client: sharedUpstream, sessions: sessions)[.youtube]!.providers[0]
            let channels = CreatorProviderRegistry.chains(settings, client: sharedUpstream, sessions: shared ? sessions : nil)[.youtube]!.providers[0]
            #expect((try? await videos.fetch([Self.video])[Self.video.externalID]?.get()) != nil)
            #expect(simulator.state.requests("youtube.videos.list") == 2, "the spent key's refusal, then the next key")
            _ = try await channels.profile(CreatorHandle(platform: .youtube, username: "@maker")).get()
            return simulator.state.requests("youtube.channels.list")
        }
    }

    @Test func aKeyTheVideoCallsFoundSpentIsNotTriedByTheChannelCalls() async throws {
        #expect(try await channelCallsAfterAVideoCall(shared: true) == 1, "straight to the key with quota")
        #expect(try await channelCallsAfterAVideoCall(shared: false) == 2, "a reader of its own tries the spent key first")
    }

    /// The requests of TikTok's creator reader that carried the cookie a video page's wall set.
    func creatorRequestsWithTheVideoPagesCookie(shared: Bool) async throws -> Int {
        let state = SimulatorState()
        state.set(.cookieWall, forIDsContaining: "743")
        return try await withSimulator(PlatformSimulator(state: state, epoch: frozenNow, clock: { frozenNow })) { simulator, base in
            let settings = ProviderSettings(endpoints: .all(at: base), youtubeAPIKeys: [])
            let sessions = ProviderSessions(settings)
            let pages = try ProviderRegistry.chains(settings, client: sharedUpstream, sessions: sessions)[.tiktok]!.providers[0]
            let creators = CreatorProviderRegistry.chains(settings, client: sharedUpstream, clock: WallClock { frozenNow }, sessions: shared ? sessions : nil)[.tiktok]!.providers[0]
            #expect((try? await pages.fetch([Self.walled])[Self.walled.externalID]?.get()) != nil, "read behind the wall with the cookies it set")
            let handle = CreatorHandle(platform: .tiktok, username: "maker")
            let profile = try await creators.profile(handle).get()
            _ = try await creators.recentVideos(handle, profile: profile, limit: 5).get()
            return simulator.state.requests("tiktok.profile.with_chain_token") + simulator.state.requests("tiktok.item_list.with_chain_token")
        }
    }

    @Test func tiktokCreatorPagesCarryTheCookiesTheVideoPagesGot() async throws {
        #expect(try await creatorRequestsWithTheVideoPagesCookie(shared: true) == 2, "the profile and the list, as one visitor")
        #expect(try await creatorRequestsWithTheVideoPagesCookie(shared: false) == 0, "a jar of its own has no cookie yet")
    }
}
