import Foundation
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

/// The creator provider of each platform, built from the same settings as the video providers.
public enum CreatorProviderRegistry {
    public static func providers(_ settings: ProviderSettings, client: any UpstreamClient) -> [Platform: any CreatorProvider] {
        [
            .tiktok: TikTokCreatorProvider(client: client, endpoints: settings.endpoints),
            .youtube: YouTubeChannelProvider(client: client, endpoints: settings.endpoints, apiKeys: settings.youtubeAPIKeys),
            .instagram: InstagramProfileProvider(client: client, endpoints: settings.endpoints, sessionCookie: settings.instagramSession),
            .x: XUserProvider(client: client, endpoints: settings.endpoints, bearerToken: settings.xBearerToken),
        ]
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
