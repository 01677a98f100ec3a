import Foundation
import HTTPTypes
import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// Per-API-key request limit on /v1 (after authentication). Every answer carries
/// `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds until the
/// bucket is full again); over the limit the answer is 429 `RATE_LIMIT_EXCEEDED` with
/// `Retry-After`. When the buckets cannot be taken from (the database's, with PostgreSQL, that
/// cannot write), the request goes on without the limit or its headers.
///
/// `POST /v1/mcp` charges itself (``MCPRoutes``): each tool call it makes is a request of its
/// own to this API and is counted there, so counting the MCP request too would charge an agent
/// twice for one call.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = TrendlineRequestContext
    let dependencies: APIDependencies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.chargesItself(request), let charged = try await Self.take(1, context: context, dependencies: dependencies) else {
            return try await next(request, context)
        }
        var response: Response
        var context = context
        context.requestBudget = RequestBudget(limit: charged.limit, bucket: charged.bucket)
        do {
            response = try await next(request, context)
        } catch {
            // Errors get the headers too: the envelope is built here so they can be attached.
            response = ErrorEnvelopeMiddleware.failure(error, request: request, context: context)
        }
        response.headers.append(contentsOf: charged.headers)
        return response
    }

    /// What taking requests from a key's bucket left: the plan's limit, the bucket, and the
    /// headers every answer carries.
    struct Charged {
        let limit: Int
        let bucket: TokenBucket
        let headers: [HTTPField]
    }

    /// Takes `cost` requests from the bucket of the request's key; `nil` when there is no key or
    /// the plan sets no limit. Over the limit it throws the 429, with the headers and `Retry-After`.
    static func take(_ cost: Int, context: Context, dependencies: APIDependencies) async throws -> Charged? {
        guard let account = context.account, let key = context.apiKeyID else { return nil }
        let limit = dependencies.plan(for: account).requestsPerMinute
        guard limit > 0 else { return nil }
        let take: RateTake
        do {
            take = try await dependencies.rateLimiter.take(bucketName(key), limit: limit, per: 60, cost: cost, at: dependencies.clock.now)
        } catch StoreError.unavailable {
            // With PostgreSQL the buckets are rows: a database that cannot write them (a full
            // disk) must not refuse reads it can still answer. The request goes on uncounted,
            // and its own reads and writes say whether the database can serve it.
            return nil
        }
        let headers = headers(limit: limit, bucket: take.bucket)
        guard take.allowed else {
            var error = APIError.rateLimited(
                "rate limit exceeded: \(limit) requests per minute per API key", retryAfter: max(1, Int(take.bucket.secondsUntil(Double(cost)).rounded(.up))))
            error.headers.append(contentsOf: headers)
            throw error
        }
        return Charged(limit: limit, bucket: take.bucket, headers: headers)
    }

    /// Whether the route counts its own requests (the MCP endpoint).
    static func chargesItself(_ request: Request) -> Bool {
        request.method == .post && request.uri.path == "/v1/mcp"
    }

    /// The bucket of requests made with the key `keyID`.
    static func bucketName(_ keyID: UUID) -> String {
        "req:\(UUIDText.lowercase(keyID))"
    }

    /// The three headers, as fields to append: every answer carries them, and filling an
    /// `HTTPFields` by subscript (which first looks for the name) and then appending that to
    /// the response cost about as much as the rest of the limiter (perf, eleventh round).
    static func headers(limit: Int, bucket: TokenBucket) -> [HTTPField] {
        [
            HTTPField(name: .xRateLimitLimit, value: String(limit)),
            HTTPField(name: .xRateLimitRemaining, value: String(bucket.remaining)),
            HTTPField(name: .xRateLimitReset, value: String(Int(bucket.secondsUntilFull.rounded(.up)))),
        ]
    }
}

extension HTTPField.Name {
    static let xRateLimitLimit = HTTPField.Name("X-RateLimit-Limit")!
    static let xRateLimitRemaining = HTTPField.Name("X-RateLimit-Remaining")!
    static let xRateLimitReset = HTTPField.Name("X-RateLimit-Reset")!
}
