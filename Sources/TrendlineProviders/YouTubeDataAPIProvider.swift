import Foundation
import Synchronization
import TrendlineDomain

/// YouTube Data API v3 `videos.list?part=statistics,snippet&id=...`, up to 50 ids per call.
/// Several API keys rotate round-robin; without a key the provider is unavailable. The call asks
/// for a partial response (``fields``): only what the parser reads, where a full snippet also
/// carries the description, tags and their localized copies, several kilobytes per video.
public final class YouTubeDataAPIProvider: StatsProvider {
    public let name = "youtube-data-api"
    public let platform = Platform.youtube
    public let batchSize = 50
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints
    let apiKeys: [String]
    let nextKey = Mutex(0)

    public init(client: any UpstreamClient, endpoints: PlatformEndpoints, apiKeys: [String]) {
        self.client = client
        self.endpoints = endpoints
        self.apiKeys = apiKeys.filter { !$0.isEmpty }
    }

    /// The parts of each item the parser reads (YouTube's partial-response syntax). Errors are
    /// answered whole whatever it asks.
    static let fields = "items(id,snippet(publishedAt,title,channelTitle,thumbnails),statistics(viewCount,likeCount,commentCount))"

    public func unavailableReason() -> String? {
        apiKeys.isEmpty ? "no YouTube API key configured (TRENDLINE_YOUTUBE_API_KEYS)" : nil
    }

    /// The next key, round-robin (callers check ``unavailableReason()`` first: there is one).
    func nextAPIKey() -> String {
        nextKey.withLock { position -> String in
            defer { position = (position + 1) % apiKeys.count }
            return apiKeys[position]
        }
    }

    public func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>] {
        if let reason = unavailableReason() { return failAll(videos, .unavailable(reason)) }
        return await fetchInChunks(videos) { chunk in
            let ids = chunk.map(\.externalID)
            let key = nextAPIKey()
            var components = URLComponents(string: endpoints.base(.youtube) + "/youtube/v3/videos")!
            components.queryItems = [
                URLQueryItem(name: "part", value: "statistics,snippet"),
                URLQueryItem(name: "fields", value: Self.fields),
                URLQueryItem(name: "id", value: ids.joined(separator: ",")),
                URLQueryItem(name: "maxResults", value: "50"),
                URLQueryItem(name: "key", value: key),
            ]
            do {
                let response = try await client.get(components.string!, headers: [("Accept", "application/json")])
                // Quota and key errors come as 400/403 with a JSON error body the parser reads.
                guard [200, 400, 403].contains(response.status) else { return .failure(ProviderFailure(response: response, what: "videos.list")) }
                return YouTubeDataAPIParser.parse(response.body, requestedIDs: ids)
            } catch {
                return .failure(.upstream("videos.list: \(error)"))
            }
        }
    }
}
