import Foundation
import TrendlineDomain

/// Instagram: `api/v1/media/{pk}/info/` with the web app id and the session cookie from config.
public struct InstagramMediaProvider: StatsProvider {
    public let name = "instagram-media-info"
    public let platform = Platform.instagram
    public let batchSize = 1
    /// The public web app id Instagram's own site sends.
    static let appID = "936619743392459"

    /// The `Cookie` header for a configured session: a full cookie string as given, or a bare
    /// `sessionid` value.
    static func cookieHeader(_ session: String) -> String {
        session.contains("=") ? session : "sessionid=\(session)"
    }
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints
    let sessionCookie: String?

    public init(client: any UpstreamClient, endpoints: PlatformEndpoints, sessionCookie: String?) {
        self.client = client
        self.endpoints = endpoints
        self.sessionCookie = sessionCookie.flatMap { $0.isEmpty ? nil : $0 }
    }

    public func unavailableReason() -> String? {
        sessionCookie == nil ? "no Instagram session cookie configured (TRENDLINE_INSTAGRAM_SESSION)" : nil
    }

    public func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>] {
        guard let sessionCookie else { return failAll(videos, .unavailable(unavailableReason()!)) }
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        for video in videos {
            guard let pk = InstagramMediaParser.mediaID(shortcode: video.externalID) else {
                results[video.externalID] = .failure(.malformed("'\(video.externalID)' is not a shortcode"))
                continue
            }
            do {
                let cookie = Self.cookieHeader(sessionCookie)
                let response = try await client.get(
                    endpoints.base(.instagram) + "/api/v1/media/\(pk)/info/",
                    headers: [("X-IG-App-ID", Self.appID), ("Cookie", cookie), ("Accept", "application/json")])
                if response.status == 200 || response.status == 404 || response.status == 400 {
                    results[video.externalID] = InstagramMediaParser.parse(response.body, shortcode: video.externalID)
                } else {
                    results[video.externalID] = .failure(ProviderFailure(response: response, what: "Instagram media info"))
                }
            } catch {
                results[video.externalID] = .failure(.upstream("Instagram media info: \(error)"))
            }
        }
        return results
    }
}
