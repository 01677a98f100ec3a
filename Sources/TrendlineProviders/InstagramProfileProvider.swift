import Foundation
import TrendlineDomain

/// Instagram creators from `api/v1/users/web_profile_info/?username=...` (the web app's own
/// call, with its app id; the session cookie is sent when configured). One call gives the
/// profile and the latest posts, of which the videos are listed.
public struct InstagramProfileProvider: CreatorProvider {
    public let name = "instagram-web-profile"
    public let platform = Platform.instagram
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints
    let sessionCookie: String?

    public init(client: any UpstreamClient, endpoints: PlatformEndpoints, sessionCookie: String?) {
        self.client = client
        self.endpoints = endpoints
        self.sessionCookie = sessionCookie.flatMap { $0.isEmpty ? nil : $0 }
    }

    func fetch(_ handle: CreatorHandle) async -> Result<InstagramProfileParser.Parsed, ProviderFailure> {
        var components = URLComponents(string: endpoints.base(.instagram) + "/api/v1/users/web_profile_info/")!
        components.queryItems = [URLQueryItem(name: "username", value: handle.username)]
        var headers = [("X-IG-App-ID", InstagramMediaProvider.appID), ("Accept", "application/json")]
        if let sessionCookie { headers.append(("Cookie", InstagramMediaProvider.cookieHeader(sessionCookie))) }
        return await getJSON(client, components.string!, headers: headers, what: "Instagram web_profile_info") {
            InstagramProfileParser.parse($0, handle: handle)
        }
    }

    public func profile(_ handle: CreatorHandle) async -> Result<CreatorProfile, ProviderFailure> {
        await fetch(handle).map(\.profile)
    }

    public func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<[ChannelVideo], ProviderFailure> {
        await fetch(handle).map { Array($0.videos.prefix(limit)) }
    }
}

/// Parses `web_profile_info`: `data.user` with `edge_followed_by`, `edge_follow` and
/// `edge_owner_to_timeline_media.edges[].node` (videos have `is_video` and `video_view_count`).
public enum InstagramProfileParser {
    public struct Parsed: Sendable {
        public var profile: CreatorProfile
        public var videos: [ChannelVideo]
    }

    struct Root: Decodable {
        let data: DataField?
        let status: String?
        let message: String?
    }
    struct DataField: Decodable { let user: User? }
    struct Count: Decodable { let count: FlexibleInt64? }
    struct User: Decodable {
        let id: String?
        let username: String?
        let full_name: String?
        let biography: String?
        let profile_pic_url_hd: String?
        let profile_pic_url: String?
        let external_url: String?
        let is_verified: Bool?
        let edge_followed_by: Count?
        let edge_follow: Count?
        let edge_owner_to_timeline_media: Media?
    }
    struct Media: Decodable {
        let count: FlexibleInt64?
        let edges: [Edge]?
    }
    struct Edge: Decodable { let node: Node }
    struct Node: Decodable {
        let shortcode: String
        let is_video: Bool?
        let video_view_count: FlexibleInt64?
        let edge_liked_by: Count?
        let edge_media_preview_like: Count?
        let edge_media_to_comment: Count?
        let taken_at_timestamp: FlexibleInt64?
        let edge_media_to_caption: Captions?
    }
    struct Captions: Decodable { let edges: [CaptionEdge]? }
    struct CaptionEdge: Decodable { let node: CaptionNode }
    struct CaptionNode: Decodable { let text: String? }

    public static func parse(_ body: Data, handle: CreatorHandle) -> Result<Parsed, ProviderFailure> {
        guard let root = try? JSONDecoder().decode(Root.self, from: body) else { return .failure(.malformed("web_profile_info answer could not be read")) }
        guard let user = root.data?.user else { return .failure(.notFound("no Instagram user \(handle.username)")) }
        let profile = CreatorProfile(
            handle: CreatorHandle(platform: .instagram, username: (user.username ?? handle.username).lowercased()), platformID: user.id,
            fullName: user.full_name, bio: user.biography, profilePicURL: user.profile_pic_url_hd ?? user.profile_pic_url,
            followers: user.edge_followed_by?.count?.value, following: user.edge_follow?.count?.value,
            postsCount: user.edge_owner_to_timeline_media?.count?.value, isVerified: user.is_verified ?? false,
            externalURL: user.external_url.flatMap { $0.isEmpty ? nil : $0 })
        let videos = (user.edge_owner_to_timeline_media?.edges ?? []).map(\.node).filter { $0.is_video ?? false }.map { node in
            ChannelVideo(
                id: node.shortcode, url: "https://www.instagram.com/p/\(node.shortcode)/",
                description: node.edge_media_to_caption?.edges?.first?.node.text,
                counts: Counts(
                    views: node.video_view_count?.value, likes: (node.edge_liked_by ?? node.edge_media_preview_like)?.count?.value,
                    comments: node.edge_media_to_comment?.count?.value),
                createdAt: node.taken_at_timestamp.map { Date(timeIntervalSince1970: TimeInterval($0.value)) })
        }
        return .success(Parsed(profile: profile, videos: videos.newestFirst))
    }
}
