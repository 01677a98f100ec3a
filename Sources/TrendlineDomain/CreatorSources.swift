/// Which providers answered a creator's last successful check: where its profile came from and
/// where its list of recent videos came from. They can differ (TikTok's web profile, then
/// yt-dlp's listing when the web list refuses), and a profile from a listing (yt-dlp's) carries
/// no follower counts, so this is what explains a creator's empty figures.
public struct CreatorSources: Sendable, Hashable {
    /// The provider name that read the profile, as in lookups' `provider` (e.g. `tiktok-web`).
    public var profile: String
    /// The provider name that read the recent videos.
    public var videos: String

    public init(profile: String, videos: String) {
        self.profile = profile
        self.videos = videos
    }
}
