import Foundation
import TrendlineDomain

/// Reads a YouTube Data API v3 `videos.list` answer (`part=statistics,snippet`). Statistics
/// come as strings; `likeCount` and `commentCount` may be absent (hidden), which is `nil`.
/// Ids missing from `items` are private or deleted videos.
public enum YouTubeDataAPIParser {
    public static func parse(_ body: Data, requestedIDs: [String]) -> Result<[String: Result<VideoStats, ProviderFailure>], ProviderFailure> {
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: body)
        } catch {
            return .failure(.malformed("videos.list answer could not be read: \(error)"))
        }
        if let error = response.error {
            let reasons = (error.errors ?? []).compactMap(\.reason)
            if reasons.contains(where: { $0.contains("quota") || $0.contains("rateLimit") }) {
                return .failure(.rateLimited(retryAfter: nil))
            }
            return .failure(.upstream("YouTube API error \(error.code ?? 0): \(error.message ?? reasons.joined(separator: ", "))"))
        }
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        for item in response.items ?? [] {
            let statistics = item.statistics
            let counts = Counts(
                views: statistics?.viewCount?.value, likes: statistics?.likeCount?.value,
                comments: statistics?.commentCount?.value, shares: nil, saves: nil)
            let thumbnail = item.snippet?.thumbnails?.largest
            results[item.id] = .success(VideoStats(
                externalID: item.id, counts: counts, title: item.snippet?.title, author: item.snippet?.channelTitle,
                publishedAt: item.snippet?.publishedAt.flatMap { try? publishedAtStyle.parse($0) },
                thumbnailURL: thumbnail?.url))
        }
        for id in requestedIDs where results[id] == nil {
            results[id] = .failure(.notFound("videos.list did not return \(id) (private or deleted)"))
        }
        return .success(results)
    }

    static let publishedAtStyle = Date.ISO8601FormatStyle()

    struct Response: Decodable {
        let items: [Item]?
        let error: APIError?
    }

    struct APIError: Decodable {
        let code: Int?
        let message: String?
        let errors: [Reason]?
    }

    struct Reason: Decodable { let reason: String? }

    struct Item: Decodable {
        let id: String
        let snippet: Snippet?
        let statistics: Statistics?
    }

    struct Snippet: Decodable {
        let publishedAt: String?
        let title: String?
        let channelTitle: String?
        let thumbnails: Thumbnails?
    }

    /// The sizes read, by name (a struct rather than a dictionary: no hashing per key).
    struct Thumbnails: Decodable {
        let maxres: Thumbnail?
        let high: Thumbnail?
        let medium: Thumbnail?
        let `default`: Thumbnail?

        var largest: Thumbnail? { maxres ?? high ?? medium ?? `default` }
    }

    struct Thumbnail: Decodable { let url: String? }

    struct Statistics: Decodable {
        let viewCount: CountText?
        let likeCount: CountText?
        let commentCount: CountText?
    }
}
