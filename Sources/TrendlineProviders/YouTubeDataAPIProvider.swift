import Foundation
import Synchronization
import TrendlineDomain

/// YouTube Data API v3 `videos.list?part=statistics,snippet&id=...`, up to 50 ids per call.
/// Several API keys rotate round-robin; without a key the provider is unavailable.
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

    public func unavailableReason() -> String? {
        apiKeys.isEmpty ? "no YouTube API key configured (TRENDLINE_YOUTUBE_API_KEYS)" : nil
    }

    public func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>] {
        if let reason = unavailableReason() { return failAll(videos, .unavailable(reason)) }
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        var index = 0
        while index < videos.count {
            let chunk = Array(videos[index..<min(index + batchSize, videos.count)])
            index += batchSize
            let ids = chunk.map(\.externalID)
            let key = nextKey.withLock { position -> String in
                defer { position = (position + 1) % apiKeys.count }
                return apiKeys[position]
            }
            var components = URLComponents(string: endpoints.base(.youtube) + "/youtube/v3/videos")!
            components.queryItems = [
                URLQueryItem(name: "part", value: "statistics,snippet"),
                URLQueryItem(name: "id", value: ids.joined(separator: ",")),
                URLQueryItem(name: "maxResults", value: "50"),
                URLQueryItem(name: "key", value: key),
            ]
            do {
                let response = try await client.get(components.string!, headers: [("Accept", "application/json")])
                if response.status == 200 || response.status == 403 || response.status == 400 {
                    switch YouTubeDataAPIParser.parse(response.body, requestedIDs: ids) {
                    case .success(let parsed): results.merge(parsed) { first, _ in first }
                    case .failure(let failure): results.merge(failAll(chunk, failure)) { first, _ in first }
                    }
                } else {
                    results.merge(failAll(chunk, Self.failure(for: response, what: "videos.list"))) { first, _ in first }
                }
            } catch {
                results.merge(failAll(chunk, .upstream("videos.list: \(error)"))) { first, _ in first }
            }
        }
        return results
    }
}
