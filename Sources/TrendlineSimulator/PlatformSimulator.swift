import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TrendlineDomain
import TrendlineProviders

/// A local HTTP server that speaks the platforms' formats at their real paths, all on one port:
/// TikTok video pages, YouTube Data API v3, X API v2, Instagram media info, short-link
/// redirects, and yt-dlp-shaped JSON for the fake `yt-dlp` (scripts/fake-yt-dlp). Counters grow
/// with the simulator's clock. Tests, the demo and benchmarks point providers at it; production
/// code only ever sees a base URL.
public struct PlatformSimulator: Sendable {
    public let state: SimulatorState
    /// The simulator's notion of now; tests and the demo speed it up.
    public let clock: @Sendable () -> Date
    /// The instant every simulated video's age is measured from.
    public let epoch: Date
    /// How long `slow` answers wait.
    public let slowDelay: Duration
    /// The `Retry-After` of `rate_limited` answers, in seconds.
    public let retryAfterSeconds: Int

    public init(state: SimulatorState = SimulatorState(), epoch: Date = Date(), clock: @escaping @Sendable () -> Date = { Date() }, slowDelay: Duration = .seconds(3), retryAfterSeconds: Int = 30) {
        self.state = state
        self.epoch = epoch
        self.clock = clock
        self.slowDelay = slowDelay
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The counters of video `id` now.
    public func counts(for id: String) -> Counts {
        SimulatedCounts.counts(id: id, age: age(of: id))
    }

    func age(of id: String) -> TimeInterval {
        clock().timeIntervalSince(publishedAt(id))
    }

    func publishedAt(_ id: String) -> Date {
        epoch.addingTimeInterval(-SimulatedCounts.ageOffset(id))
    }

    /// The router serving every platform.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ShortLinkMiddleware(simulator: self))
        router.get(":user/video/:id") { request, context in try await self.tiktokPage(request, context) }
        router.get(":user/photo/:id") { request, context in try await self.tiktokPage(request, context) }
        router.get("t/:code") { request, context in self.shortLinkAnswer(host: "www.tiktok.com", path: "/t/\(context.parameters.get("code") ?? "")") }
        router.get("youtube/v3/videos") { request, _ in try await self.youtubeVideosList(request) }
        router.get("watch") { request, _ in try await self.youtubeWatchPage(request) }
        router.get("2/tweets") { request, _ in try await self.xTweets(request) }
        router.get("api/v1/media/:pk/info") { request, context in try await self.instagramMediaInfo(context.parameters.get("pk") ?? "") }
        addCreatorRoutes(to: router)
        router.get("_ytdlp") { request, _ in try await self.ytDlp(request) }
        router.get("_sim/requests") { _, _ in
            try Self.json(self.state.allRequestCounts(), status: .ok)
        }
        // Flip switches at run time: {"pattern": "7300", "behavior": "private"}; DELETE clears.
        router.post("_sim/behaviors") { request, context in
            struct Switch: Decodable {
                let pattern: String
                let behavior: SimulatedBehavior
            }
            guard let body = try? await request.decode(as: Switch.self, context: context) else {
                return Self.raw(#"{"error":"send {\"pattern\": ..., \"behavior\": one of \#(SimulatedBehavior.allCases.map(\.rawValue).joined(separator: ", "))}"}"#, status: .badRequest)
            }
            self.state.set(body.behavior, forIDsContaining: body.pattern)
            return Self.raw(#"{"ok":true}"#)
        }
        router.delete("_sim/behaviors") { _, _ in
            self.state.clearBehaviors()
            return Self.raw(#"{"ok":true}"#)
        }
        // Short links: {"host": "vm.tiktok.com", "path": "/ZMabc/", "location": "https://www.tiktok.com/@a/video/1"}
        router.post("_sim/shortlinks") { request, context in
            struct Link: Decodable {
                let host: String
                let path: String
                let location: String
            }
            guard let body = try? await request.decode(as: Link.self, context: context) else {
                return Self.raw(#"{"error":"send {\"host\", \"path\", \"location\"}"}"#, status: .badRequest)
            }
            self.state.addShortLink(host: body.host, path: body.path, location: body.location)
            return Self.raw(#"{"ok":true}"#)
        }
        return router
    }

    // MARK: Behaviours shared by every format

    /// The failure answer for `id`, or `nil` to answer normally (after any delay).
    func failure(for id: String, endpoint: String) async throws -> Response? {
        switch state.behavior(for: id) {
        case .rateLimited:
            var response = Response(status: .tooManyRequests)
            if endpoint.hasPrefix("x") {
                // X API v2 says when its window resets (epoch seconds), not Retry-After.
                let reset = Int(Date().timeIntervalSince1970) + retryAfterSeconds
                response.headers[HTTPField.Name("x-rate-limit-limit")!] = "300"
                response.headers[HTTPField.Name("x-rate-limit-remaining")!] = "0"
                response.headers[HTTPField.Name("x-rate-limit-reset")!] = "\(reset)"
            } else {
                response.headers[.retryAfter] = "\(retryAfterSeconds)"
            }
            return response
        case .serverError:
            return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "upstream unavailable")))
        case .slow:
            try await Task.sleep(for: slowDelay)
            return nil
        case .malformed:
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{\"this is\": not what you expect")))
        case .empty:
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer()))
        case .normal, .privateVideo, .deleted, .cookieWall, .quotaExceeded:
            return nil
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func raw(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func shortLinkAnswer(host: String, path: String) -> Response {
        state.count("shortlink")
        guard let location = state.shortLink(host: host, path: path) else {
            return Self.raw("no such short link", status: .notFound, contentType: "text/plain")
        }
        var response = Response(status: .movedPermanently)
        response.headers[.location] = location
        return response
    }
}

/// Answers requests whose `Host` is a short-link host (vm.tiktok.com, t.co, fb.watch...) from
/// the simulator's short-link table.
struct ShortLinkMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: PlatformSimulator
    static let hosts: Set<String> = ["vm.tiktok.com", "vt.tiktok.com", "t.co", "fb.watch", "lnkd.in"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = (request.head.authority ?? "").split(separator: ":").first.map { $0.lowercased() } ?? ""
        if Self.hosts.contains(host) || (host == "www.instagram.com" && request.uri.path.hasPrefix("/share/"))
            || (host == "www.facebook.com" && request.uri.path.hasPrefix("/share/")) {
            return simulator.shortLinkAnswer(host: host, path: request.uri.path)
        }
        return try await next(request, context)
    }
}
