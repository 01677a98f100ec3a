import Foundation
import Hummingbird
import TrendlineDomain

/// What `yt-dlp -J --flat-playlist URL` prints for a creator's listing, for scripts/fake-yt-dlp:
/// TikTok's `tiktok:user` playlist (entries carry the counts, as yt-dlp's own reading of the
/// post list does) and YouTube's channel tab (`youtube:tab`, views only, no dates), with
/// yt-dlp's error lines for the creator switches. `empty` answers normally: it stands for yt-dlp
/// getting through where TikTok refused the web provider.
extension PlatformSimulator {
    func ytDlpListing(_ handle: CreatorHandle, entries: Int) async throws -> Response {
        let youtubeByID = handle.platform == .youtube && !handle.username.hasPrefix("@")
        let username = youtubeByID
            ? String((state.youtubeHandle(channelID: handle.username) ?? handle.username).drop(while: { $0 == "@" }))
            : String(handle.username.drop(while: { $0 == "@" }))
        let extractor = handle.platform == .youtube ? "youtube:tab" : "\(handle.platform.rawValue):user"
        let shown = handle.platform == .youtube ? "@" + username : username
        func error(_ text: String, _ status: HTTPResponse.Status = .badRequest) -> Response {
            Self.raw("ERROR: [\(extractor)] \(shown): \(text)", status: status, contentType: "text/plain")
        }
        switch state.behavior(for: username) {
        case .privateVideo where handle.platform == .tiktok:
            return error("This user's account is private. Log into an account that has access", .forbidden)
        case .privateVideo, .deleted:
            return handle.platform == .tiktok
                ? error("Unable to extract secondary user ID. If you are able to get the channel_id from a video posted by this user, try using \"tiktokuser:channel_id\" as the input URL")
                : error("This channel does not exist.", .notFound)
        case .rateLimited: return error("Unable to download JSON metadata: HTTP Error 429: Too Many Requests", .tooManyRequests)
        case .serverError: return error("Unable to download webpage: HTTP Error 503: Service Unavailable", .serviceUnavailable)
        case .malformed: return Self.raw("{\"id\": ")
        case .slow: try await Task.sleep(for: slowDelay)
        case .normal, .empty, .cookieWall, .quotaExceeded: break
        }
        let c = creator(username, handle.platform)
        let uploads = c.uploads(at: clock(), epoch: epoch)
        if uploads.isEmpty {
            return error(handle.platform == .tiktok ? "This account does not have any videos posted" : "This channel does not have a videos tab")
        }
        let listed = uploads.prefix(entries)
        switch handle.platform {
        case .youtube:
            let channelID = state.youtubeChannelID(handle: "@" + username)
            let items = listed.map { upload in
                """
                {"_type":"url","ie_key":"Youtube","id":"\(upload.id)","url":"https://www.youtube.com/watch?v=\(upload.id)",\
                "title":"Upload \(upload.index) by \(username)","description":null,"duration":42,"channel_id":null,"channel":null,\
                "view_count":\(counts(for: upload.id).views!),"live_status":null}
                """
            }
            return Self.raw("""
                {"id":"\(channelID)","channel":\(Self.jsonString(c.fullName)),"channel_id":"\(channelID)",\
                "title":\(Self.jsonString(c.fullName + " - Videos")),"uploader_id":"@\(username)","uploader_url":"https://www.youtube.com/@\(username)",\
                "channel_url":"https://www.youtube.com/channel/\(channelID)","channel_follower_count":\(c.followers(at: clock(), epoch: epoch)),\
                "description":\(Self.jsonString(c.bio)),"channel_is_verified":\(c.isVerified),"_type":"playlist","entries":[\(items.joined(separator: ","))],\
                "webpage_url":"https://www.youtube.com/@\(username)/videos","extractor":"youtube:tab","extractor_key":"YoutubeTab","playlist_count":\(listed.count)}
                """)
        default:
            let secUid = "MS4wLjABAAAA\(username)"
            let items = listed.map { upload in
                let n = counts(for: upload.id)
                return """
                    {"id":"\(upload.id)","channel":\(Self.jsonString(c.fullName)),"channel_id":"\(secUid)","uploader":"\(username)",\
                    "uploader_id":"\(c.seed % 1_000_000_000_000)","uploader_url":"https://www.tiktok.com/@\(username)","duration":42,\
                    "title":"Upload \(upload.index) by \(username)","description":"Upload \(upload.index) by \(username)",\
                    "timestamp":\(Int(upload.at.timeIntervalSince1970)),"view_count":\(n.views!),"like_count":\(n.likes!),\
                    "repost_count":\(n.shares!),"comment_count":\(n.comments!),"save_count":\(n.saves!),"ie_key":"TikTok","_type":"url",\
                    "url":"https://www.tiktok.com/@\(username)/video/\(upload.id)"}
                    """
            }
            return Self.raw("""
                {"id":"\(secUid)","title":"\(username)","_type":"playlist","entries":[\(items.joined(separator: ","))],\
                "webpage_url":"https://www.tiktok.com/@\(username)","extractor":"tiktok:user","extractor_key":"TikTokUser","playlist_count":\(listed.count)}
                """)
        }
    }
}
