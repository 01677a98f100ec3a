import Foundation
import TrendlineDomain

/// YouTube channels through the Data API v3: `channels.list` (by `forHandle` or `id`) for the
/// profile and the uploads playlist, `playlistItems.list` on that playlist (`UC...` -> `UU...`)
/// for the newest uploads, and `videos.list` for their counts. 1 quota unit per call.
public struct YouTubeChannelProvider: CreatorProvider {
    public let name = "youtube-data-api"
    public let platform = Platform.youtube
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints
    let videos: YouTubeDataAPIProvider

    public init(client: any UpstreamClient, endpoints: PlatformEndpoints, apiKeys: [String]) {
        self.init(client: client, endpoints: endpoints, keys: YouTubeAPIKeys(apiKeys))
    }

    /// `keys`: shared with the video provider (``ProviderSessions``), so a key either finds
    /// spent is not tried by the other until the reset.
    public init(client: any UpstreamClient, endpoints: PlatformEndpoints, keys: YouTubeAPIKeys, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.endpoints = endpoints
        self.videos = YouTubeDataAPIProvider(client: client, endpoints: endpoints, keys: keys, now: now)
    }

    public func unavailableReason() -> String? { videos.unavailableReason() }

    /// One Data API call with the keys the video calls rotate (so channel calls spread the quota
    /// the same way; ``YouTubeDataAPIProvider/withKeys(_:)``).
    func call<T>(_ what: String, _ path: String, _ query: [URLQueryItem], parse: (Data) -> Result<T, ProviderFailure>) async -> Result<T, ProviderFailure> {
        await videos.withKeys { key in
            var components = URLComponents(string: endpoints.base(.youtube) + path)!
            components.queryItems = query + [URLQueryItem(name: "key", value: key)]
            var spent = false
            let result = await getJSON(client, components.string!, headers: [("Accept", "application/json")], what: what, accepting: [400, 403]) { body in
                spent = YouTubeDataAPIParser.spendsQuota(body)
                return parse(body)
            }
            return (result, spent)
        }
    }

    public func profile(_ handle: CreatorHandle) async -> Result<CreatorProfile, ProviderFailure> {
        if let reason = unavailableReason() { return .failure(.unavailable(reason)) }
        let selector = handle.username.hasPrefix("@") ? URLQueryItem(name: "forHandle", value: handle.username) : URLQueryItem(name: "id", value: handle.username)
        return await call("channels.list", "/youtube/v3/channels", [URLQueryItem(name: "part", value: "snippet,statistics,contentDetails"), selector]) {
            YouTubeChannelParser.profile($0, handle: handle)
        }
    }

    public func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<[ChannelVideo], ProviderFailure> {
        if let reason = unavailableReason() { return .failure(.unavailable(reason)) }
        var channelID = profile?.platformID
        if channelID == nil {
            switch await self.profile(handle) {
            case .failure(let failure): return .failure(failure)
            case .success(let fetched): channelID = fetched.platformID
            }
        }
        guard let channelID, channelID.hasPrefix("UC") else { return .failure(.malformed("no channel id for \(handle.username)")) }
        let listed = await call("playlistItems.list", "/youtube/v3/playlistItems", [
            URLQueryItem(name: "part", value: "contentDetails"), URLQueryItem(name: "playlistId", value: "UU" + channelID.dropFirst(2)),
            URLQueryItem(name: "maxResults", value: String(min(max(1, limit), 50))),
        ], parse: YouTubeChannelParser.uploads)
        guard case .success(let uploads) = listed else {
            if case .failure(let failure) = listed { return .failure(failure) }
            return .success([])
        }
        let wanted = Array(uploads.prefix(limit))
        guard !wanted.isEmpty else { return .success([]) }
        let urls = wanted.map { VideoURL(platform: .youtube, externalID: $0.id, canonicalURL: "https://www.youtube.com/watch?v=\($0.id)") }
        let stats = await videos.fetch(urls)
        let result = wanted.map { upload in
            let found = try? stats[upload.id]?.get()
            return ChannelVideo(
                id: upload.id, url: "https://www.youtube.com/watch?v=\(upload.id)", description: found?.title,
                counts: found?.counts ?? Counts(), createdAt: upload.publishedAt ?? found?.publishedAt)
        }
        return .success(result.newestFirst)
    }
}

/// Parses `channels.list` and `playlistItems.list` answers.
public enum YouTubeChannelParser {
    struct ChannelList: Decodable {
        let items: [Channel]?
        let error: APIError?
    }
    struct APIError: Decodable {
        let code: Int?
        let message: String?
    }
    struct Channel: Decodable {
        let id: String
        let snippet: Snippet?
        let statistics: Statistics?
        let contentDetails: ContentDetails?
    }
    struct Snippet: Decodable {
        let title: String?
        let description: String?
        let customUrl: String?
        let thumbnails: [String: Thumbnail]?
    }
    struct Thumbnail: Decodable { let url: String? }
    struct Statistics: Decodable {
        let subscriberCount: FlexibleInt64?
        let hiddenSubscriberCount: Bool?
        let videoCount: FlexibleInt64?
    }
    struct ContentDetails: Decodable {
        let relatedPlaylists: [String: String]?
    }
    struct PlaylistItems: Decodable {
        let items: [PlaylistItem]?
        let error: APIError?
    }
    struct PlaylistItem: Decodable {
        let contentDetails: ItemDetails?
    }
    struct ItemDetails: Decodable {
        let videoId: String?
        let videoPublishedAt: String?
    }

    public static func profile(_ body: Data, handle: CreatorHandle) -> Result<CreatorProfile, ProviderFailure> {
        guard let list = try? JSONDecoder().decode(ChannelList.self, from: body) else { return .failure(.malformed("channels.list answer could not be read")) }
        if let error = list.error { return .failure(failure(error)) }
        guard let channel = list.items?.first else { return .failure(.notFound("no YouTube channel \(handle.username)")) }
        let snippet = channel.snippet
        let thumbnails = snippet?.thumbnails ?? [:]
        let picture = (thumbnails["high"] ?? thumbnails["medium"] ?? thumbnails["default"])?.url
        let hidden = channel.statistics?.hiddenSubscriberCount ?? false
        let username = snippet?.customUrl.map { $0.hasPrefix("@") ? $0.lowercased() : "@" + $0.lowercased() } ?? handle.username
        return .success(CreatorProfile(
            handle: CreatorHandle(platform: .youtube, username: username), platformID: channel.id, fullName: snippet?.title,
            bio: snippet?.description, profilePicURL: picture, followers: hidden ? nil : channel.statistics?.subscriberCount?.value,
            following: nil, postsCount: channel.statistics?.videoCount?.value, isVerified: false, externalURL: nil))
    }

    /// The uploads (id and publish time), newest first as the playlist lists them.
    static func uploads(_ body: Data) -> Result<[(id: String, publishedAt: Date?)], ProviderFailure> {
        guard let list = try? JSONDecoder().decode(PlaylistItems.self, from: body) else { return .failure(.malformed("playlistItems.list answer could not be read")) }
        if let error = list.error { return .failure(failure(error)) }
        return .success((list.items ?? []).compactMap { item in
            guard let id = item.contentDetails?.videoId else { return nil }
            return (id, item.contentDetails?.videoPublishedAt.flatMap { try? Date.ISO8601FormatStyle().parse($0) })
        })
    }

    static func failure(_ error: APIError) -> ProviderFailure {
        switch error.code {
        case 404: return .notFound(error.message ?? "not found")
        case 403 where (error.message ?? "").lowercased().contains("quota"): return .rateLimited(retryAfter: nil)
        default: return .upstream("YouTube API error \(error.code ?? 0): \(error.message ?? "")")
        }
    }
}
