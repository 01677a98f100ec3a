import Foundation
import TrendlineDomain

/// Reads an X API v2 `GET /2/tweets?ids=...&tweet.fields=public_metrics,created_at` answer.
/// Views are `impression_count`, likes `like_count`, comments `reply_count`, shares
/// `retweet_count + quote_count`, saves `bookmark_count`. Ids in `errors` are gone or protected.
public enum XAPIParser {
    public static func parse(_ body: Data, requestedIDs: [String]) -> Result<[String: Result<VideoStats, ProviderFailure>], ProviderFailure> {
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: body)
        } catch {
            return .failure(.malformed("tweets lookup answer could not be read: \(error)"))
        }
        let users = Dictionary((response.includes?.users ?? []).map { ($0.id, $0.username) }, uniquingKeysWith: { first, _ in first })
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        for tweet in response.data ?? [] {
            let metrics = tweet.public_metrics
            var shares: Int64?
            if let retweets = metrics?.retweet_count?.value { shares = retweets + (metrics?.quote_count?.value ?? 0) }
            let counts = Counts(
                views: metrics?.impression_count?.value, likes: metrics?.like_count?.value,
                comments: metrics?.reply_count?.value, shares: shares, saves: metrics?.bookmark_count?.value)
            results[tweet.id] = .success(VideoStats(
                externalID: tweet.id, counts: counts, title: tweet.text, author: tweet.author_id.flatMap { users[$0] },
                publishedAt: tweet.created_at.flatMap { try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0) }))
        }
        for problem in response.errors ?? [] {
            guard let id = problem.resource_id ?? problem.value, results[id] == nil else { continue }
            let detail = problem.detail ?? problem.title ?? "unknown error"
            if (problem.type ?? "").contains("not-authorized") {
                results[id] = .failure(.privateVideo(detail))
            } else {
                results[id] = .failure(.notFound(detail))
            }
        }
        // An answer with neither is an error, except a timeline that is empty: X then sends
        // only `meta` with a result count of 0 (a user without posts).
        if response.data == nil && response.errors == nil && response.meta?.result_count != 0 {
            return .failure(.upstream(response.detail ?? response.title ?? "no data in the answer"))
        }
        for id in requestedIDs where results[id] == nil {
            results[id] = .failure(.notFound("the answer did not include \(id)"))
        }
        return .success(results)
    }

    struct Response: Decodable {
        let data: [Tweet]?
        let includes: Includes?
        let errors: [Problem]?
        let meta: Meta?
        let title: String?
        let detail: String?
    }

    struct Tweet: Decodable {
        let id: String
        let text: String?
        let created_at: String?
        let author_id: String?
        let public_metrics: Metrics?
    }

    struct Metrics: Decodable {
        let retweet_count: FlexibleInt64?
        let reply_count: FlexibleInt64?
        let like_count: FlexibleInt64?
        let quote_count: FlexibleInt64?
        let bookmark_count: FlexibleInt64?
        let impression_count: FlexibleInt64?
    }

    struct Includes: Decodable { let users: [User]? }
    struct Meta: Decodable { let result_count: Int? }
    struct User: Decodable {
        let id: String
        let username: String
    }

    struct Problem: Decodable {
        let value: String?
        let resource_id: String?
        let detail: String?
        let title: String?
        let type: String?
    }
}
