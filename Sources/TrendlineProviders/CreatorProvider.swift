import Foundation
import TrendlineCore
import TrendlineDomain

/// Reads creators of one platform: the profile and the most recent videos. One conforming
/// type per platform and upstream source, like ``StatsProvider`` for videos.
public protocol CreatorProvider: Sendable {
    /// Recorded as `provider` in profile answers, e.g. `tiktok-web`.
    var name: String { get }
    var platform: Platform { get }
    func profile(_ handle: CreatorHandle) async -> Result<CreatorProfile, ProviderFailure>
    /// Up to `limit` recent videos, newest first. `profile` is the creator's profile when the
    /// caller already has it (it carries ids some platforms need for the listing).
    func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<[ChannelVideo], ProviderFailure>
    /// Why the provider cannot run here, or `nil` when it can.
    func unavailableReason() -> String?
}

extension CreatorProvider {
    public func unavailableReason() -> String? { nil }
}

/// The creator providers of each platform, built from the same settings as the video
/// providers and in the same order (`TRENDLINE_<PLATFORM>_PROVIDERS`): each video provider
/// name stands for its platform's creator reader where there is one (`tiktok-web`,
/// `youtube-data-api`, `instagram-media-info`, `x-api-v2`, and `yt-dlp` for TikTok and
/// YouTube); names with none (`youtube-watch-page`) are passed over.
public enum CreatorProviderRegistry {
    /// `clock` is the service's: TikTok's list pages back from "now". `sessions`: the YouTube
    /// keys and TikTok cookies shared with the video providers (``ProviderRegistry``; fresh
    /// ones when `nil`).
    public static func chains(
        _ settings: ProviderSettings, client: any UpstreamClient, clock: WallClock = .system, sessions: ProviderSessions? = nil
    ) -> [Platform: CreatorProviderChain] {
        let sessions = sessions ?? ProviderSessions(settings)
        var chains: [Platform: CreatorProviderChain] = [:]
        for platform in CreatorHandle.supportedPlatforms {
            let names = settings.order[platform] ?? ProviderSettings.defaultOrder[platform] ?? []
            chains[platform] = CreatorProviderChain(
                platform: platform, providers: names.compactMap { make($0, platform: platform, settings: settings, client: client, clock: clock, sessions: sessions) })
        }
        return chains
    }

    static func make(
        _ name: String, platform: Platform, settings: ProviderSettings, client: any UpstreamClient, clock: WallClock, sessions: ProviderSessions
    ) -> (any CreatorProvider)? {
        switch (name, platform) {
        case ("tiktok-web", .tiktok): return TikTokCreatorProvider(client: client, endpoints: settings.endpoints, clock: clock, cookies: sessions.tiktokCookies)
        case ("youtube-data-api", .youtube): return YouTubeChannelProvider(client: client, endpoints: settings.endpoints, keys: sessions.youtubeKeys)
        case ("instagram-media-info", .instagram): return InstagramProfileProvider(client: client, endpoints: settings.endpoints, sessionCookie: settings.instagramSession)
        case ("x-api-v2", .x): return XUserProvider(client: client, endpoints: settings.endpoints, bearerToken: settings.xBearerToken)
        case ("yt-dlp", _) where YtDlpCreatorProvider.platforms.contains(platform):
            return YtDlpCreatorProvider(platform: platform, executable: settings.ytdlpPath, timeout: settings.ytdlpTimeout, environment: settings.ytdlpEnvironment)
        default: return nil
        }
    }
}

extension CreatorProvider {
    /// GETs `url` and hands a 2xx (or `accepting`) body to `parse`; other answers become failures.
    func getJSON<T>(
        _ client: any UpstreamClient, _ url: String, headers: [(String, String)], what: String, accepting: Set<Int> = [],
        parse: (Data) -> Result<T, ProviderFailure>
    ) async -> Result<T, ProviderFailure> {
        do {
            let response = try await client.get(url, headers: headers)
            guard (200..<300).contains(response.status) || accepting.contains(response.status) else {
                return .failure(ProviderFailure(response: response, what: what))
            }
            return parse(response.body)
        } catch {
            return .failure(.upstream("\(what): \(error)"))
        }
    }
}
