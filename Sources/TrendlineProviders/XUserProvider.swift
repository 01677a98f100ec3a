import Foundation
import TrendlineDomain

/// X creators through API v2: `GET /2/users/by/username/{name}` for the profile and
/// `GET /2/users/{id}/tweets` for recent posts (read like ``XAPIParser`` reads tweets).
public struct XUserProvider: CreatorProvider {
    public let name = "x-api-v2"
    public let platform = Platform.x
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

    public func profile(_ handle: CreatorHandle) async -> Result<CreatorProfile, ProviderFailure> {
        guard let bearerToken else { return .failure(.unavailable(unavailableReason()!)) }
        let url = endpoints.base(.x) + "/2/users/by/username/\(handle.username)?user.fields=description,profile_image_url,public_metrics,url,verified"
        return await getJSON(client, url, headers: [("Authorization", "Bearer \(bearerToken)")], what: "X users lookup") {
            XUserParser.profile($0, handle: handle)
        }
    }

    public func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<[ChannelVideo], ProviderFailure> {
        guard let bearerToken else { return .failure(.unavailable(unavailableReason()!)) }
        var userID = profile?.platformID
        if userID == nil {
            switch await self.profile(handle) {
            case .failure(let failure): return .failure(failure)
            case .success(let fetched): userID = fetched.platformID
            }
        }
        guard let userID else { return .failure(.malformed("no X user id for \(handle.username)")) }
        let count = min(max(5, limit), 100)
        let url = endpoints.base(.x) + "/2/users/\(userID)/tweets?max_results=\(count)&tweet.fields=public_metrics,created_at"
        return await getJSON(client, url, headers: [("Authorization", "Bearer \(bearerToken)")], what: "X user tweets") { body in
            switch XAPIParser.parse(body, requestedIDs: []) {
            case .failure(let failure): return .failure(failure)
            case .success(let tweets):
                let videos = tweets.compactMap { id, result -> ChannelVideo? in
                    guard let stats = try? result.get() else { return nil }
                    return ChannelVideo(
                        id: id, url: "https://x.com/\(handle.username)/status/\(id)", description: stats.title, counts: stats.counts,
                        createdAt: stats.publishedAt)
                }
                return .success(Array(videos.newestFirst.prefix(limit)))
            }
        }
    }
}

/// Parses `GET /2/users/by/username/{name}`.
public enum XUserParser {
    struct Root: Decodable {
        let data: User?
        let errors: [Problem]?
    }
    struct Problem: Decodable {
        let detail: String?
        let title: String?
        let type: String?
    }
    struct User: Decodable {
        let id: String
        let name: String?
        let username: String
        let description: String?
        let profile_image_url: String?
        let url: String?
        let verified: Bool?
        let public_metrics: Metrics?
    }
    struct Metrics: Decodable {
        let followers_count: FlexibleInt64?
        let following_count: FlexibleInt64?
        let tweet_count: FlexibleInt64?
    }

    public static func profile(_ body: Data, handle: CreatorHandle) -> Result<CreatorProfile, ProviderFailure> {
        guard let root = try? JSONDecoder().decode(Root.self, from: body) else { return .failure(.malformed("users lookup answer could not be read")) }
        guard let user = root.data else {
            let problem = root.errors?.first
            if (problem?.type ?? "").contains("not-authorized") { return .failure(.privateVideo(problem?.detail ?? "protected")) }
            return .failure(.notFound(problem?.detail ?? "no X user \(handle.username)"))
        }
        let metrics = user.public_metrics
        return .success(CreatorProfile(
            handle: CreatorHandle(platform: .x, username: user.username.lowercased()), platformID: user.id, fullName: user.name,
            bio: user.description, profilePicURL: user.profile_image_url, followers: metrics?.followers_count?.value,
            following: metrics?.following_count?.value, postsCount: metrics?.tweet_count?.value, isVerified: user.verified ?? false,
            externalURL: user.url.flatMap { $0.isEmpty ? nil : $0 }))
    }
}
