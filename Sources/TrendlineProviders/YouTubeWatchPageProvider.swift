import Foundation
import TrendlineDomain

/// YouTube without an API key: the watch page's `ytInitialPlayerResponse` (views, title,
/// author). The fallback after `youtube-data-api` in the default chain.
public struct YouTubeWatchPageProvider: StatsProvider {
    public let name = "youtube-watch-page"
    public let platform = Platform.youtube
    public let batchSize = 1
    let client: any UpstreamClient
    /// Where watch pages are (https://www.youtube.com unless overridden).
    let baseURL: String

    public init(client: any UpstreamClient, baseURL: String) {
        self.client = client
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    public func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>] {
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        for video in videos {
            do {
                let response = try await client.get(
                    "\(baseURL)/watch?v=\(video.externalID)&hl=en", headers: [("Accept", "text/html"), ("Accept-Language", "en")])
                guard response.status == 200 else {
                    results[video.externalID] = .failure(ProviderFailure(response: response, what: "YouTube watch page"))
                    continue
                }
                results[video.externalID] = YouTubeWatchPageParser.parse(response.body, expectedID: video.externalID)
            } catch {
                results[video.externalID] = .failure(.upstream("YouTube watch page: \(error)"))
            }
        }
        return results
    }
}
