import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain

/// The one-off creator endpoints: `POST /v1/profile`, `/v1/channel/videos`,
/// `/v1/median-views` and `/v1/email`. Each names a creator by `url` or by `username` and
/// `platform`; answers are cached (`meta.cached`).
struct CreatorLookupRoutes {
    let dependencies: APIDependencies
    var lookup: CreatorLookupService { dependencies.creatorLookup }

    func add(to group: RouterGroup<TrendlineRequestContext>) {
        group.post("profile", use: profile)
        group.post("channel/videos", use: channelVideos)
        group.post("median-views", use: medianViews)
        group.post("email", use: email)
    }

    /// Names a creator: `url`, or `username` + `platform`.
    struct CreatorBody: Decodable {
        let url: String?
        let username: String?
        let platform: String?
        let count: Int?

        enum CodingKeys: String, CodingKey { case url, username, platform, count }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try container.field(.url, "a string")
            username = try container.field(.username, "a string")
            platform = try container.field(.platform, "a string")
            count = try container.field(.count, "a whole number from 1 to \(CreatorLookupService.maximumCount)")
        }
    }

    /// The creator a body names, or a 4xx saying what is missing or wrong.
    static func handle(_ body: CreatorBody) throws -> CreatorHandle {
        var expected: Platform?
        if let name = body.platform {
            expected = try QueryValues.platform(name, field: "platform", choices: CreatorHandle.supportedPlatforms)
        }
        let result: Result<CreatorHandle, CreatorHandleError>
        let field: String
        switch (body.url, body.username) {
        case (.some, .some):
            throw APIError.validation("send either url or username (with platform), not both", field: "username")
        case (.some(let url), nil):
            result = CreatorHandle.from(url: url)
            field = "url"
        case (nil, .some(let username)):
            guard let expected else { throw APIError.validation("platform is required with username", field: "platform") }
            result = CreatorHandle.from(username: username, platform: expected)
            // A platform without creators (Facebook, LinkedIn) is the platform's fault, not the username's.
            field = CreatorHandle.supportedPlatforms.contains(expected) ? "username" : "platform"
        case (nil, nil):
            throw APIError.validation("missing required field: url (or username and platform)", field: "url")
        }
        switch result {
        case .failure(let error):
            throw APIError(status: .unprocessableContent, code: error.code, message: error.message, field: field)
        case .success(let handle):
            if let expected, expected != handle.platform {
                throw APIError(status: .unprocessableContent, code: "PLATFORM_MISMATCH", message: "the URL is a \(handle.platform.displayName) profile, not \(expected.displayName)", field: "platform")
            }
            return handle
        }
    }

    static func count(_ body: CreatorBody, default value: Int) throws -> Int {
        guard let count = body.count else { return value }
        guard (1...CreatorLookupService.maximumCount).contains(count) else {
            throw APIError.validation("count must be from 1 to \(CreatorLookupService.maximumCount), got \(count)", field: "count")
        }
        return count
    }

    func decode(_ request: Request, _ context: TrendlineRequestContext) async throws -> CreatorBody {
        _ = try context.requireAccount()
        return try await RequestBody.decode(CreatorBody.self, from: request, limit: dependencies.configuration.bodyLimit)
    }

    // MARK: Endpoints

    @Sendable func profile(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let handle = try Self.handle(try await decode(request, context))
        let answer = try Self.value(await lookup.profile(handle))
        return try Envelope.success(
            ProfileDTO(answer.reading.value, provider: answer.reading.provider, fetchedAt: answer.reading.fetchedAt),
            meta: Self.meta(handle, cached: answer.cached), context: context)
    }

    @Sendable func channelVideos(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let body = try await decode(request, context)
        let handle = try Self.handle(body)
        let answer = try Self.value(await lookup.recentVideos(handle, count: try Self.count(body, default: 20)))
        let videos = answer.reading.value.map(ChannelVideoDTO.init)
        return try Envelope.success(
            ChannelVideosDTO(platform: handle.platform.rawValue, username: handle.username, videos: videos, count: videos.count,
                             provider: answer.reading.provider, fetched_at: answer.reading.fetchedAt),
            meta: Self.meta(handle, cached: answer.cached), context: context)
    }

    @Sendable func medianViews(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let body = try await decode(request, context)
        let handle = try Self.handle(body)
        let answer = try Self.value(await lookup.recentVideos(handle, count: try Self.count(body, default: 20)))
        let views = answer.reading.value.compactMap(\.counts.views)
        return try Envelope.success(
            MedianViewsDTO(platform: handle.platform.rawValue, username: handle.username, median_views: MedianViews.median(views),
                           videos_analyzed: views.count, raw_view_counts: views, provider: answer.reading.provider,
                           fetched_at: answer.reading.fetchedAt),
            meta: Self.meta(handle, cached: answer.cached), context: context)
    }

    @Sendable func email(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let handle = try Self.handle(try await decode(request, context))
        let answer = try Self.value(await lookup.profile(handle))
        let finding = CreatorLookupService.email(in: answer.reading.value)
        return try Envelope.success(
            EmailDTO(platform: handle.platform.rawValue, username: handle.username, email: finding.emails.first, emails: finding.emails,
                     found: !finding.emails.isEmpty, source: finding.source, provider: answer.reading.provider,
                     fetched_at: answer.reading.fetchedAt),
            meta: Self.meta(handle, cached: answer.cached), context: context)
    }

    static func meta(_ handle: CreatorHandle, cached: Bool) -> [String: MetaValue] {
        ["cached": .bool(cached), "platform": .string(handle.platform.rawValue)]
    }

    /// The value, or the API error for the failure.
    static func value<T>(_ result: Result<T, CreatorFetchFailure>) throws -> T {
        switch result {
        case .success(let value): return value
        case .failure(let failure): throw APIError.creatorFetch(failure)
        }
    }
}

extension APIError {
    /// 404 for a creator that does not exist or is private, 429 when the platform throttles,
    /// 503 when no provider can run, 502 for other upstream failures.
    static func creatorFetch(_ failure: CreatorFetchFailure) -> APIError {
        switch failure.kind {
        case .notFound:
            return APIError(status: .notFound, code: "CREATOR_NOT_FOUND", message: "the platform has no public creator by that name (\(failure.message))")
        case .rateLimited:
            return .upstreamThrottled(retryAfter: failure.retryAfter)
        case .unavailable:
            return APIError(status: .serviceUnavailable, code: "PROVIDER_UNAVAILABLE", message: failure.message)
        case .upstream:
            return APIError(status: .badGateway, code: "UPSTREAM_ERROR", message: failure.message)
        }
    }
}

struct ProfileDTO: Encodable {
    let platform: String
    let username: String
    @Nullable var full_name: String?
    @Nullable var bio: String?
    @Nullable var profile_pic_url: String?
    @Nullable var followers: Int64?
    @Nullable var following: Int64?
    @Nullable var posts_count: Int64?
    let is_verified: Bool
    @Nullable var external_url: String?
    let profile_url: String
    let provider: String
    let fetched_at: Date

    init(_ profile: CreatorProfile, provider: String, fetchedAt: Date) {
        platform = profile.handle.platform.rawValue
        username = profile.handle.username
        full_name = profile.fullName
        bio = profile.bio
        profile_pic_url = profile.profilePicURL
        followers = profile.followers
        following = profile.following
        posts_count = profile.postsCount
        is_verified = profile.isVerified
        external_url = profile.externalURL
        profile_url = profile.handle.profileURL
        self.provider = provider
        fetched_at = fetchedAt
    }
}

struct ChannelVideoDTO: Encodable {
    let id: String
    let url: String
    @Nullable var description: String?
    @Nullable var views: Int64?
    @Nullable var likes: Int64?
    @Nullable var comments: Int64?
    @Nullable var shares: Int64?
    @Nullable var created_at: Date?

    init(_ video: ChannelVideo) {
        id = video.id
        url = video.url
        description = video.description
        views = video.counts.views
        likes = video.counts.likes
        comments = video.counts.comments
        shares = video.counts.shares
        created_at = video.createdAt
    }
}

struct ChannelVideosDTO: Encodable {
    let platform: String
    let username: String
    let videos: [ChannelVideoDTO]
    let count: Int
    let provider: String
    let fetched_at: Date
}

struct MedianViewsDTO: Encodable {
    let platform: String
    let username: String
    @Nullable var median_views: Int64?
    let videos_analyzed: Int
    let raw_view_counts: [Int64]
    let provider: String
    let fetched_at: Date
}

struct EmailDTO: Encodable {
    let platform: String
    let username: String
    @Nullable var email: String?
    let emails: [String]
    let found: Bool
    @Nullable var source: String?
    let provider: String
    let fetched_at: Date
}
