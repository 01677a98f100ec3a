import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain

/// `POST /v1/post/stats`: one-off counts for any supported URL, without tracking it.
struct PostStatsRoutes {
    let dependencies: APIDependencies

    func add(to group: RouterGroup<TrendlineRequestContext>) {
        group.post("post/stats", use: stats)
    }

    struct Body: Decodable {
        let url: String?
        let platform: String?

        enum CodingKeys: String, CodingKey { case url, platform }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try container.field(.url, "a string")
            platform = try container.field(.platform, "a string")
        }
    }

    struct StatsDTO: Encodable {
        let platform: String
        let post_url: String
        let post_id: String
        @Nullable var views: Int64?
        @Nullable var likes: Int64?
        @Nullable var comments: Int64?
        @Nullable var shares: Int64?
        @Nullable var saves: Int64?
        @Nullable var title: String?
        @Nullable var author: String?
        @Nullable var published_at: Date?
        let provider: String
        let fetched_at: Date
    }

    static func mismatch(_ platform: Platform, _ expected: Platform) -> APIError {
        APIError(status: .unprocessableContent, code: "PLATFORM_MISMATCH", message: "the URL is a \(platform.displayName) URL, not \(expected.displayName)", field: "platform")
    }

    @Sendable func stats(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        _ = try context.requireAccount()
        let body = try await RequestBody.decode(Body.self, from: request, limit: dependencies.configuration.bodyLimit)
        guard let url = body.url else { throw APIError.validation("missing required field: url", field: "url") }
        var expected: Platform?
        if let name = body.platform {
            expected = try QueryValues.platform(name, field: "platform")
        }
        // The URL names its platform (a short link's host too): a contradiction costs no upstream call.
        if let expected, case .success(let parsed) = VideoURLParser.parse(url), parsed.platform != expected {
            throw Self.mismatch(parsed.platform, expected)
        }
        switch await dependencies.oneOffStats.stats(for: url) {
        case .invalidURL(let error):
            throw APIError(status: .unprocessableContent, code: error.code, message: error.message, field: "url")
        case .upstream(let failure):
            throw APIError.upstream(failure)
        case .stats(let video, let reading, let cached):
            if let expected, expected != video.platform { throw Self.mismatch(video.platform, expected) }
            let counts = reading.counts
            let dto = StatsDTO(
                platform: video.platform.rawValue, post_url: video.canonicalURL, post_id: video.externalID,
                views: counts.views, likes: counts.likes, comments: counts.comments, shares: counts.shares, saves: counts.saves,
                title: reading.metadata.title, author: reading.metadata.author, published_at: reading.metadata.publishedAt,
                provider: reading.provider, fetched_at: reading.fetchedAt)
            return try Envelope.success(dto, meta: ["cached": .bool(cached), "platform": .string(video.platform.rawValue)], context: context)
        }
    }
}
