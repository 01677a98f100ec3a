import Foundation
import TrendlineDomain

/// TikTok: reads the public video page (`/@user/video/ID`) and its rehydration JSON.
///
/// The cookies TikTok sets are kept (``UpstreamCookieJar``) and sent back: a visitor without
/// them may get a page shell without the video's data, and a page that lacks it while its
/// answer set new cookies is asked for once more with them.
public struct TikTokWebProvider: StatsProvider {
    public let name = "tiktok-web"
    public let platform = Platform.tiktok
    public let batchSize = 1
    let client: CookieCarryingClient
    let endpoints: PlatformEndpoints

    public init(client: any UpstreamClient, endpoints: PlatformEndpoints, cookies: UpstreamCookieJar = UpstreamCookieJar()) {
        self.client = CookieCarryingClient(client, jar: cookies)
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
            let sent = client.jar.header
            let response = try await page(path)
            let result = stats(in: response, expectedID: video.externalID)
            if case .failure(.malformed) = result, TikTokPageParser.lacksVideoData(response.body), client.jar.header != sent {
                return stats(in: try await page(path), expectedID: video.externalID)
            }
            return result
        } catch let failure as ProviderFailure {
            return .failure(failure)
        } catch {
            return .failure(.upstream("TikTok page: \(error)"))
        }
    }

    func stats(in response: UpstreamResponse, expectedID: String) -> Result<VideoStats, ProviderFailure> {
        guard response.status == 200 else { return .failure(ProviderFailure(response: response, what: "TikTok page")) }
        return TikTokPageParser.parse(response.body, expectedID: expectedID)
    }

    /// One GET of the page (with the cookies kept so far).
    func page(_ path: String) async throws -> UpstreamResponse {
        try await client.get(endpoints.base(.tiktok) + path, headers: [("Accept", "text/html")])
    }
}
