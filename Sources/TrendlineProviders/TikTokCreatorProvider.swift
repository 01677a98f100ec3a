import Foundation
import TrendlineDomain

/// TikTok creators from the web: the profile page's rehydration JSON
/// (`__DEFAULT_SCOPE__["webapp.user-detail"]`) and the web app's post list
/// (`/api/post/item_list/?secUid=...&count=N&cursor=0`, `itemList`).
public struct TikTokCreatorProvider: CreatorProvider {
    public let name = "tiktok-web"
    public let platform = Platform.tiktok
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints

    public init(client: any UpstreamClient, endpoints: PlatformEndpoints) {
        self.client = client
        self.endpoints = endpoints
    }

    public func profile(_ handle: CreatorHandle) async -> Result<CreatorProfile, ProviderFailure> {
        await getJSON(
            client, endpoints.base(.tiktok) + "/@\(handle.username)", headers: [("Accept", "text/html")], what: "TikTok profile page",
            parse: { TikTokCreatorParser.profile(page: $0, handle: handle) })
    }

    public func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<[ChannelVideo], ProviderFailure> {
        var known = profile
        if known?.platformID == nil {
            switch await self.profile(handle) {
            case .failure(let failure): return .failure(failure)
            case .success(let fetched): known = fetched
            }
        }
        guard let secUid = known?.platformID else { return .failure(.malformed("the TikTok profile has no secUid")) }
        var components = URLComponents(string: endpoints.base(.tiktok) + "/api/post/item_list/")!
        components.queryItems = [
            URLQueryItem(name: "aid", value: "1988"), URLQueryItem(name: "secUid", value: secUid),
            URLQueryItem(name: "count", value: String(min(max(1, limit), 35))), URLQueryItem(name: "cursor", value: "0"),
        ]
        return await getJSON(client, components.string!, headers: [("Accept", "application/json")], what: "TikTok item_list") { body in
            TikTokCreatorParser.videos(body, username: handle.username).map { Array($0.prefix(limit)) }
        }
    }
}

/// Parses TikTok's profile page and post list.
public enum TikTokCreatorParser {
    struct Root: Decodable {
        let scope: Scope
        enum CodingKeys: String, CodingKey { case scope = "__DEFAULT_SCOPE__" }
    }
    struct Scope: Decodable {
        let userDetail: UserDetail?
        enum CodingKeys: String, CodingKey { case userDetail = "webapp.user-detail" }
    }
    struct UserDetail: Decodable {
        let statusCode: Int?
        let statusMsg: String?
        let userInfo: UserInfo?
    }
    struct UserInfo: Decodable {
        let user: User?
        let stats: Stats?
    }
    struct User: Decodable {
        let id: String?
        let uniqueId: String?
        let nickname: String?
        let signature: String?
        let avatarLarger: String?
        let verified: Bool?
        let secUid: String?
        let bioLink: BioLink?
    }
    struct BioLink: Decodable { let link: String? }
    struct Stats: Decodable {
        let followerCount: FlexibleInt64?
        let followingCount: FlexibleInt64?
        let videoCount: FlexibleInt64?
    }
    struct ItemList: Decodable {
        let itemList: [Item]?
        let statusCode: Int?
    }
    struct Item: Decodable {
        let id: String
        let desc: String?
        let createTime: FlexibleInt64?
        let stats: ItemStats?
        let statsV2: ItemStats?
    }
    struct ItemStats: Decodable {
        let playCount: FlexibleInt64?
        let diggCount: FlexibleInt64?
        let commentCount: FlexibleInt64?
        let shareCount: FlexibleInt64?
        let collectCount: FlexibleInt64?
    }

    /// TikTok's user-detail codes for a private account.
    static let privateStatusCodes: Set<Int> = [10222]

    public static func profile(page: Data, handle: CreatorHandle) -> Result<CreatorProfile, ProviderFailure> {
        guard let json = TikTokPageParser.scriptBody(Array(page)) else {
            return .failure(.malformed("no __UNIVERSAL_DATA_FOR_REHYDRATION__ script in the profile page"))
        }
        guard let root = try? JSONDecoder().decode(Root.self, from: Data(json)), let detail = root.scope.userDetail else {
            return .failure(.malformed("no webapp.user-detail in the profile page"))
        }
        let status = detail.statusCode ?? 0
        if privateStatusCodes.contains(status) { return .failure(.privateVideo("TikTok account is private (statusCode \(status))")) }
        guard status == 0, let user = detail.userInfo?.user else {
            return .failure(.notFound("TikTok statusCode \(status) \(detail.statusMsg ?? "")"))
        }
        let stats = detail.userInfo?.stats
        return .success(CreatorProfile(
            handle: CreatorHandle(platform: .tiktok, username: (user.uniqueId ?? handle.username).lowercased()), platformID: user.secUid,
            fullName: user.nickname, bio: user.signature, profilePicURL: user.avatarLarger, followers: stats?.followerCount?.value,
            following: stats?.followingCount?.value, postsCount: stats?.videoCount?.value, isVerified: user.verified ?? false,
            externalURL: user.bioLink?.link.flatMap { $0.isEmpty ? nil : ($0.hasPrefix("http") ? $0 : "https://" + $0) }))
    }

    public static func videos(_ body: Data, username: String) -> Result<[ChannelVideo], ProviderFailure> {
        guard let list = try? JSONDecoder().decode(ItemList.self, from: body) else {
            return .failure(.malformed("the item_list answer could not be read"))
        }
        if let code = list.statusCode, code != 0 { return .failure(.upstream("TikTok item_list statusCode \(code)")) }
        let videos = (list.itemList ?? []).map { item in
            let stats = item.statsV2 ?? item.stats
            return ChannelVideo(
                id: item.id, url: "https://www.tiktok.com/@\(username)/video/\(item.id)", description: item.desc,
                counts: Counts(
                    views: stats?.playCount?.value, likes: stats?.diggCount?.value, comments: stats?.commentCount?.value,
                    shares: stats?.shareCount?.value, saves: stats?.collectCount?.value),
                createdAt: item.createTime.map { Date(timeIntervalSince1970: TimeInterval($0.value)) })
        }
        return .success(videos.newestFirst)
    }
}
