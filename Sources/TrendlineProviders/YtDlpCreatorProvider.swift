import Foundation
import TrendlineDomain

/// Creators through yt-dlp (`yt-dlp -J --flat-playlist --playlist-end N URL`): the fallback
/// for TikTok when its web app's profile page or post list is refused (TikTok answers a client
/// it flags with an empty 200; yt-dlp, kept up to date against that, often still gets through),
/// and for YouTube without a Data API key (yt-dlp reads the channel's videos tab). Only the
/// platforms in ``platforms`` have such a listing.
public struct YtDlpCreatorProvider: CreatorProvider {
    public let name = "yt-dlp"
    public let platform: Platform
    let command: YtDlpCommand

    /// Platforms whose creator listings yt-dlp reads without a login.
    public static let platforms: Set<Platform> = [.tiktok, .youtube]

    public init(platform: Platform, executable: String = "yt-dlp", timeout: TimeInterval = 60, environment: [String: String] = [:]) {
        self.platform = platform
        self.command = YtDlpCommand(executable: executable, timeout: timeout, environment: environment)
    }

    public func unavailableReason() -> String? {
        Self.platforms.contains(platform) ? command.missingReason : notListed
    }

    private var notListed: String { "yt-dlp lists no \(platform.displayName) creators" }

    /// The page yt-dlp lists: the TikTok profile, or the YouTube channel's videos tab.
    static func listingURL(_ handle: CreatorHandle) -> String {
        handle.platform == .youtube ? handle.profileURL + "/videos" : handle.profileURL
    }

    public func profile(_ handle: CreatorHandle) async -> Result<CreatorProfile, ProviderFailure> {
        var empty = CreatorProfile(handle: handle, postsCount: 0)
        empty.isPartial = true  // yt-dlp said only that nothing is posted: the name, bio and the rest are unknown
        return await run(handle, entries: 1, noVideos: empty) { YtDlpCreatorParser.profile($0, handle: handle) }
    }

    public func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<[ChannelVideo], ProviderFailure> {
        await run(handle, entries: max(1, limit), noVideos: []) { body in
            YtDlpCreatorParser.videos(body, handle: handle).map { Array($0.prefix(limit)) }
        }
    }

    /// Runs yt-dlp on the listing; `noVideos` is the answer when yt-dlp says the account has
    /// posted nothing (it refuses such a listing).
    func run<T>(_ handle: CreatorHandle, entries: Int, noVideos: T, parse: (Data) -> Result<T, ProviderFailure>) async -> Result<T, ProviderFailure> {
        guard Self.platforms.contains(platform) else { return .failure(.unavailable(notListed)) }
        switch await command.run(["-J", "--flat-playlist", "--playlist-end", String(entries), "--no-warnings", Self.listingURL(handle)]) {
        case .printed(let json): return parse(json)
        case .refused(let stderr): return YtDlpCreatorParser.meansNoVideos(stderr) ? .success(noVideos) : .failure(YtDlpParser.failure(fromStderr: stderr))
        case .failed(let failure): return .failure(failure)
        }
    }
}
