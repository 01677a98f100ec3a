import Foundation

/// What the video providers and the creator providers of one process share about their
/// upstreams: the YouTube Data API keys with what each has spent today, and the cookies TikTok
/// has set. Without it the two registries each kept their own, so a key the video calls had
/// found spent was tried again (and refused) by the channel calls, and the other way, and
/// TikTok's video pages and creator pages were two visitors with two cookie sets.
public final class ProviderSessions: Sendable {
    /// The keys both YouTube readers rotate (``YouTubeDataAPIProvider``, ``YouTubeChannelProvider``).
    public let youtubeKeys: YouTubeAPIKeys
    /// The jar both TikTok readers send back (``TikTokWebProvider``, ``TikTokCreatorProvider``).
    public let tiktokCookies: UpstreamCookieJar

    public init(_ settings: ProviderSettings) {
        youtubeKeys = YouTubeAPIKeys(settings.youtubeAPIKeys)
        tiktokCookies = UpstreamCookieJar()
    }
}
