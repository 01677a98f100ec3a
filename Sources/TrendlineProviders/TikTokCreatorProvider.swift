import Foundation
import TrendlineCore
import TrendlineDomain

/// TikTok creators from the web: the profile page's rehydration JSON
/// (`__DEFAULT_SCOPE__["webapp.user-detail"]`) and the web app's creator post list
/// (`/api/creator/item_list/?secUid=...&type=1&cursor=<ms>`, `itemList`, newest first before
/// the cursor). That list is the one yt-dlp reads (2026.11.23, `TikTokUserIE`), with the web
/// app's query: TikTok answers it without the request signature that `/api/post/item_list/`
/// needs (unsigned, that one answers an empty 200).
public struct TikTokCreatorProvider: CreatorProvider {
    public let name = "tiktok-web"
    public let platform = Platform.tiktok
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints
    /// The cursor's "now" (the service's clock, so a demo's fast clock sees its new uploads).
    let clock: WallClock

    /// Items TikTok's web app asks for per page.
    static let pageSize = 15
    /// Pages read at most per listing: discovery needs the newest videos, and each page is a call.
    static let maximumPages = 4
    /// How far back the cursor steps when a page is empty though older posts exist (yt-dlp's step).
    static let emptyPageStep: TimeInterval = 7 * 86_400

    /// `cookies`: what TikTok sets is sent back, as with video pages (``TikTokWebProvider``).
    public init(client: any UpstreamClient, endpoints: PlatformEndpoints, clock: WallClock = .system, cookies: UpstreamCookieJar = UpstreamCookieJar()) {
        self.client = CookieCarryingClient(client, jar: cookies)
        self.endpoints = endpoints
        self.clock = clock
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
        let deviceID = String(UInt64.random(in: 7_250_000_000_000_000_000...7_325_099_899_999_994_577))
        var cursor = Int64(clock.now.timeIntervalSince1970 * 1000)
        var videos: [ChannelVideo] = []
        var seen: Set<String> = []
        pages: for _ in 0..<Self.maximumPages where videos.count < limit {
            let url = listURL(secUid: secUid, cursor: cursor, deviceID: deviceID)
            let page = await getJSON(client, url, headers: [("Accept", "application/json"), ("Referer", endpoints.base(.tiktok) + "/@\(handle.username)")], what: "TikTok item_list") { body in
                TikTokCreatorParser.page(body, username: handle.username)
            }
            switch page {
            case .failure(let failure):
                // A later page failing keeps what the earlier ones read.
                if videos.isEmpty { return .failure(failure) }
                break pages
            case .success(let read):
                videos += read.videos.filter { seen.insert($0.id).inserted }
                guard read.hasMorePrevious else { break pages }
                let next = read.videos.compactMap(\.createdAt).min().map { Int64($0.timeIntervalSince1970 * 1000) }
                cursor = next.flatMap { $0 < cursor ? $0 : nil } ?? cursor - Int64(Self.emptyPageStep * 1000)
            }
        }
        return .success(Array(videos.newestFirst.prefix(limit)))
    }

    /// The list's query as TikTok's web app (and yt-dlp) sends it.
    func listURL(secUid: String, cursor: Int64, deviceID: String) -> String {
        var components = URLComponents(string: endpoints.base(.tiktok) + "/api/creator/item_list/")!
        let fields: [(String, String)] = [
            ("aid", "1988"), ("app_language", "en"), ("app_name", "tiktok_web"), ("browser_language", "en-US"),
            ("browser_name", "Mozilla"), ("browser_online", "true"), ("browser_platform", "Win32"), ("browser_version", "5.0 (Windows)"),
            ("channel", "tiktok_web"), ("cookie_enabled", "true"), ("count", String(Self.pageSize)), ("cursor", String(cursor)),
            ("device_id", deviceID), ("device_platform", "web_pc"), ("focus_state", "true"), ("from_page", "user"),
            ("history_len", "2"), ("is_fullscreen", "false"), ("is_page_visible", "true"), ("language", "en"), ("os", "windows"),
            ("priority_region", ""), ("referer", ""), ("region", "US"), ("screen_height", "1080"), ("screen_width", "1920"),
            ("secUid", secUid), ("type", "1"), ("tz_name", "UTC"),
            ("verifyFp", "verify_" + String((0..<7).map { _ in "0123456789abcdef".randomElement()! })), ("webcast_language", "en"),
        ]
        components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.string!
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
        let hasMorePrevious: Bool?
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

    /// One page of the creator list: its videos (newest first) and whether older ones exist.
    public static func page(_ body: Data, username: String) -> Result<(videos: [ChannelVideo], hasMorePrevious: Bool), ProviderFailure> {
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
        return .success((videos.newestFirst, list.hasMorePrevious ?? false))
    }
}
