import Foundation
import TrendlineDomain

/// X API v2 `GET /2/tweets?ids=...`, up to 100 ids per call, with a bearer token.
public struct XAPIProvider: StatsProvider {
    public let name = "x-api-v2"
    public let platform = Platform.x
    public let batchSize = 100
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints
    let bearerToken: String?

    public init(client: any UpstreamClient, endpoints: PlatformEndpoints, bearerToken: String?) {
        self.client = client
        self.endpoints = endpoints
        self.bearerToken = bearerToken.flatMap { $0.isEmpty ? nil : $0 }
    }

    public func unavailableReason() -> String? {
        bearerToken == nil ? "no X bearer token configured (TRENDLINE_X_BEARER_TOKEN)" : nil
    }

    public func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>] {
        guard let bearerToken else { return failAll(videos, .unavailable(unavailableReason()!)) }
        return await fetchInChunks(videos) { chunk in
            let ids = chunk.map(\.externalID)
            var components = URLComponents(string: endpoints.base(.x) + "/2/tweets")!
            components.queryItems = [
                URLQueryItem(name: "ids", value: ids.joined(separator: ",")),
                URLQueryItem(name: "tweet.fields", value: "public_metrics,created_at"),
                URLQueryItem(name: "expansions", value: "author_id"),
                URLQueryItem(name: "user.fields", value: "username"),
            ]
            do {
                let response = try await client.get(components.string!, headers: [("Authorization", "Bearer \(bearerToken)")])
                guard response.status == 200 else { return .failure(ProviderFailure(response: response, what: "X tweets lookup")) }
                return XAPIParser.parse(response.body, requestedIDs: ids)
            } catch {
                return .failure(.upstream("X tweets lookup: \(error)"))
            }
        }
    }
}
