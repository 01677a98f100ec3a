import Foundation
import TrendlineDomain

/// TikTok: reads the public video page (`/@user/video/ID`) and its rehydration JSON.
public struct TikTokWebProvider: StatsProvider {
    public let name = "tiktok-web"
    public let platform = Platform.tiktok
    public let batchSize = 1
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints

    public init(client: any UpstreamClient, endpoints: PlatformEndpoints) {
        self.client = client
        self.endpoints = endpoints
    }

    public func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>] {
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        for video in videos {
            results[video.externalID] = await fetchOne(video)
        }
        return results
    }

    func fetchOne(_ video: VideoURL) async -> Result<VideoStats, ProviderFailure> {
        let path = URLComponents(string: video.canonicalURL)?.percentEncodedPath ?? "/@/video/\(video.externalID)"
        do {
            let response = try await client.get(endpoints.base(.tiktok) + path, headers: [("Accept", "text/html")])
            guard response.status == 200 else { return .failure(ProviderFailure(response: response, what: "TikTok page")) }
            return TikTokPageParser.parse(response.body, expectedID: video.externalID)
        } catch let failure as ProviderFailure {
            return .failure(failure)
        } catch {
            return .failure(.upstream("TikTok page: \(error)"))
        }
    }
}
