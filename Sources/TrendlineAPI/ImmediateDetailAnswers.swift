import Dispatch
import Foundation
import HTTPTypes
import NIOCore
import Synchronization
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// Answers `GET /v1/videos/{id}` on the thread that read the request, when everything the
/// answer needs is already in memory; otherwise leaves the request to the router.
///
/// Why: a video detail is the API's most repeated read (dashboards and scripts poll it), and
/// once its key, tracking and history are remembered, answering it costs the server less than
/// carrying it through Hummingbird's async handling does: the request's task on Swift's pool,
/// the hop back to the event loop to write, four async middleware frames (benchmarks: the
/// thirteenth round). This answers from the same pieces the router uses, in the same order:
/// the key's checks (``APIKeyService``), the plan's rate limit and its headers
/// (``RateLimitMiddleware``), the tracking's visibility, the history cache and the rendered
/// envelope (``VideoRoutes``), the request id, the request metrics; the answer is byte for byte
/// the router's, except for the request id and the rate-limit figures. What the /v1 routes
/// gain later (a middleware, a header) must be mirrored here: `ImmediateDetailAnswersTests`
/// compares the two answers, headers in order, and fails until it is.
///
/// It answers only when none of it needs the store or a write: a key not remembered, revoked
/// or due to have its use recorded, a tracking not remembered or hidden, a history not cached,
/// a refused token, a body, a query, an alias path or a `Connection: close` all go to the
/// router, which answers them as always (and remembers what it read for the next time). The
/// rate-limit token is taken last, so a request passed on is never charged twice. Only with a
/// store that offers ``RememberedReads`` (SQLite) and the in-process rate limiter. The
/// in-flight requests gauge does not count these answers: none is in flight past the event that
/// read it.
public final class ImmediateDetailAnswers: Sendable {
    /// What is written for an answered request.
    struct Answer {
        var head: HTTPResponse
        var prefix: ByteBuffer
        var ending: [UInt8]
    }

    static let pathPrefix = "/v1/videos/"
    /// The route's name in the request metrics, as the router records it.
    static let route = "/v1/videos/{id}"

    private let dependencies: APIDependencies
    private let reads: any RememberedReads
    private let limiter: InMemoryRateLimiter
    private let metrics: RequestMetricsCache
    private let serverName: String?
    private let answered = Atomic<Int>(0)

    /// `nil` when the store or the rate limiter cannot answer without suspending.
    /// - Parameter serverName: the `Server` header the application adds (its configuration's).
    public init?(dependencies: APIDependencies, serverName: String?) {
        guard let reads = dependencies.repository as? any RememberedReads, let limiter = dependencies.rateLimiter as? InMemoryRateLimiter else {
            return nil
        }
        self.dependencies = dependencies
        self.reads = reads
        self.limiter = limiter
        self.metrics = RequestMetricsCache(factory: dependencies.metricsFactory)
        self.serverName = serverName
    }

    /// Requests answered here, for tests and diagnostics (the bench reports it).
    public var answeredCount: Int { answered.load(ordering: .relaxed) }

    /// The answer to `request`, or `nil` to leave it to the router.
    func answer(_ request: HTTPRequest) -> Answer? {
        // A client that takes gzip is answered by the router, which compresses.
        guard request.method == .get, let trackingID = Self.trackingID(in: request), Self.hasNoBodyOrConnectionRules(request),
              !AcceptEncoding(request.headerFields[values: .acceptEncoding]).allowsGzip,
              let presented = APIKeyAuthMiddleware.presentedKey(authorization: request.headerFields[.authorization], apiKey: request.headerFields[.xAPIKey]),
              APIKeyService.isWellFormed(presented)
        else { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        guard let answer = try? ReadScope.run({ try answer(request, trackingID: trackingID, presented: presented) }) else { return nil }
        metrics.record(route: Self.route, method: .get, status: .ok, failed: false, since: start)
        answered.add(1, ordering: .relaxed)
        return answer
    }

    private func answer(_ request: HTTPRequest, trackingID: UUID, presented: String) throws -> Answer? {
        let now = dependencies.clock.now
        guard let (key, account) = try reads.rememberedKeyWithAccount(hash: APIKeyService.hash(presented)), !key.isRevoked,
              !APIKeyService.needsTouch(key, at: now),
              let item = try reads.rememberedTrackedVideo(id: trackingID, accountID: account.id), item.tracking.reviewStatus != .excluded,
              let history = dependencies.historyCache.kept(VideoRoutes.historyKey(item, limit: dependencies.configuration.embeddedSnapshotLimit), now: Date())
        else { return nil }
        let envelope = try VideoRoutes.detail(item, history: history, now: now)
        var limitHeaders: [HTTPField] = []
        let limit = dependencies.plan(for: account).requestsPerMinute
        if limit > 0 {
            let take = limiter.take(RateLimitMiddleware.bucketName(key.id), limit: limit, per: 60, cost: 1, at: now)
            guard take.allowed else { return nil }
            limitHeaders = RateLimitMiddleware.headers(limit: limit, bucket: take.bucket)
        }
        let requestID = ErrorEnvelopeMiddleware.requestID(given: request.headerFields[.xRequestID])
        let ending = envelope.ending(requestID: requestID)
        var fields = envelope.fields(ending: ending)
        fields.append(contentsOf: limitHeaders)
        fields[.xRequestID] = requestID
        fields[.date] = HTTPDateText.shared.now()
        if let serverName { fields[.server] = serverName }
        return Answer(head: HTTPResponse(status: .ok, headerFields: fields), prefix: envelope.prefix, ending: ending)
    }

    /// The tracking id of `/v1/videos/{id}`, exactly that path and no query.
    static func trackingID(in request: HTTPRequest) -> UUID? {
        guard let path = request.path, path.hasPrefix(pathPrefix) else { return nil }
        let text = path.dropFirst(pathPrefix.count)
        guard text.utf8.count == 36 else { return nil }
        return UUIDText.parse(String(text))
    }

    /// No body, no `Expect`, and no `Connection` header but `keep-alive` (what most clients
    /// send): a `close` or an upgrade is the server's to apply.
    static func hasNoBodyOrConnectionRules(_ request: HTTPRequest) -> Bool {
        let fields = request.headerFields
        if let connection = fields[.connection], connection.lowercased() != "keep-alive" { return false }
        guard fields[.transferEncoding] == nil, fields[.expect] == nil else { return false }
        return fields[.contentLength].map { $0 == "0" } ?? true
    }
}

