import Foundation
import TrendlineDomain

/// Reads what `yt-dlp -J --flat-playlist URL` prints for a creator's listing (TikTok's
/// `tiktok:user`, YouTube's channel tab): a playlist whose `entries` are the recent videos
/// with the counts the listing carries, and whose own fields describe the channel.
public enum YtDlpCreatorParser {
    struct Playlist: Decodable {
        let id: String?
        let channel: String?
        let channel_id: String?
        let description: String?
        let channel_follower_count: FlexibleInt64?
        let channel_is_verified: Bool?
        let entries: [Entry?]?
    }

    struct Entry: Decodable {
        let id: String?
        let url: String?
        let title: String?
        let description: String?
        let channel: String?
        let channel_id: String?
        let timestamp: FlexibleInt64?
        let view_count: FlexibleInt64?
        let like_count: FlexibleInt64?
        let comment_count: FlexibleInt64?
        let repost_count: FlexibleInt64?
        let save_count: FlexibleInt64?
    }

    static func playlist(_ body: Data) -> Result<Playlist, ProviderFailure> {
        do {
            return .success(try JSONDecoder().decode(Playlist.self, from: body))
        } catch {
            return .failure(.malformed("yt-dlp's playlist output could not be read: \(error)"))
        }
    }

    /// The listing's videos, newest first; an entry without an id, or whose URL is not a video
    /// of `handle`'s platform, is left out.
    public static func videos(_ body: Data, handle: CreatorHandle) -> Result<[ChannelVideo], ProviderFailure> {
        playlist(body).map { list in
            (list.entries ?? []).compactMap { $0 }.compactMap { entry in video(entry, platform: handle.platform) }.newestFirst
        }
    }

    static func video(_ entry: Entry, platform: Platform) -> ChannelVideo? {
        guard let id = entry.id, !id.isEmpty else { return nil }
        let given = entry.url ?? (platform == .youtube ? "https://www.youtube.com/watch?v=\(id)" : "")
        guard case .success(.video(let parsed)) = VideoURLParser.parse(given), parsed.platform == platform else { return nil }
        return ChannelVideo(
            id: parsed.externalID, url: parsed.canonicalURL, description: entry.description ?? entry.title,
            counts: Counts(
                views: entry.view_count?.value, likes: entry.like_count?.value, comments: entry.comment_count?.value,
                shares: entry.repost_count?.value, saves: entry.save_count?.value),
            createdAt: entry.timestamp.map { Date(timeIntervalSince1970: TimeInterval($0.value)) })
    }

    /// The channel as the listing describes it. TikTok's listing names the account by its
    /// secUid (`id`) and its first entry's `channel`; YouTube's tab carries the channel's name,
    /// id, description and follower count. Counts the listing lacks stay `nil`, and the profile
    /// is marked partial (``CreatorProfile/isPartial``).
    public static func profile(_ body: Data, handle: CreatorHandle) -> Result<CreatorProfile, ProviderFailure> {
        playlist(body).map { list in
            let first = list.entries?.compactMap { $0 }.first
            let platformID: String?
            switch handle.platform {
            case .youtube: platformID = list.channel_id ?? first?.channel_id ?? list.id
            default: platformID = list.id ?? first?.channel_id
            }
            var profile = CreatorProfile(
                handle: handle, platformID: platformID, fullName: list.channel ?? first?.channel,
                bio: list.description.flatMap { $0.isEmpty ? nil : $0 }, followers: list.channel_follower_count?.value,
                isVerified: list.channel_is_verified ?? false)
            profile.isPartial = true
            return profile
        }
    }

    /// yt-dlp's refusal for an account that exists and has posted nothing (TikTok: "does not
    /// have any videos posted"; YouTube: "does not have a videos tab"): an empty listing, not a
    /// failure.
    static func meansNoVideos(_ stderr: String) -> Bool {
        let lower = stderr.lowercased()
        return lower.contains("does not have any videos") || lower.contains("does not have a videos tab")
    }
}
