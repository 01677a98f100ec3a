import Foundation
import Hummingbird
import NIOCore
import Prometheus
import TrendlineCore
import TrendlineDomain

/// Routes about the service itself: platforms, ping, health, the OpenAPI document and metrics.
struct MetaRoutes {
    let dependencies: APIDependencies

    /// Routes that need an API key.
    func addKeyed(to group: RouterGroup<TrendlineRequestContext>) {
        group.get("platforms", use: platforms)
        group.get("ping", use: ping)
    }

    /// Routes open without a key (operations, the contract and the dashboard page, which asks
    /// for a key itself).
    func addOpen(to router: Router<TrendlineRequestContext>) {
        addHealth(to: router)
        router.get("openapi.json", use: openAPI)
        router.get("dashboard") { request, _ in DashboardPage.answer.response(to: request) }
        router.get("/") { _, _ in Response(status: .found, headers: [.location: "/dashboard"]) }
    }

    /// `/health` and `/metrics`, which worker nodes serve too.
    func addHealth(to router: Router<TrendlineRequestContext>) {
        router.get("health", use: health)
        router.get("metrics", use: metrics)
    }

    struct PlatformDTO: Encodable {
        let platform: String
        let name: String
        let metrics: [String]
        let endpoints: [String]
        let short_links: Bool
        let example_urls: [String]
    }

    /// The endpoints every platform's videos work with.
    static let videoEndpoints = [
        "videos/track", "videos", "videos/export", "videos/{id}", "videos/{id}/snapshots", "videos/{id}/export", "videos/{id}/refresh", "post/stats",
    ]
    /// The endpoints of platforms whose creators can be read (``CreatorHandle/supportedPlatforms``).
    static let creatorEndpoints = ["profile", "channel/videos", "median-views", "email", "creators"]

    @Sendable func platforms(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let list = PlatformCatalog.all.map { descriptor in
            PlatformDTO(
                platform: descriptor.platform.rawValue, name: descriptor.displayName,
                metrics: descriptor.reportedMetrics.map(\.rawValue),
                endpoints: Self.videoEndpoints + (CreatorHandle.supportedPlatforms.contains(descriptor.platform) ? Self.creatorEndpoints : []),
                short_links: true, example_urls: descriptor.exampleURLs)
        }
        return try Envelope.success(list, context: context)
    }

    struct PingDTO: Encodable {
        let pong: Bool
        let account: String
        let time: Date
        /// Whether the key can only read (``KeyAccess``).
        let read_only: Bool
    }

    @Sendable func ping(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        return try Envelope.success(PingDTO(pong: true, account: account.name, time: dependencies.clock.now, read_only: context.readOnlyKey), context: context)
    }

    struct HealthDTO: Encodable {
        struct Database: Encodable {
            let kind: String
            let reachable: Bool
            @Nullable var error: String?
            /// The server's clock less this node's (``ClockOffset``); `null` for SQLite.
            @Nullable var clock_offset_seconds: Double?
        }
        struct Provider: Encodable {
            let platform: String
            let name: String
            let available: Bool
            @Nullable var reason: String?
        }
        let status: String
        let version: String
        let database: Database
        let providers: [Provider]
    }

    @Sendable func health(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        var problem: String?
        var reachable = true
        do { try await dependencies.repository.ping() } catch {
            problem = String(describing: error)
            reachable = false
        }
        // Reads can work while writes fail (a full disk): that is degraded too.
        if problem == nil { problem = await dependencies.repository.writeProblem() }
        let offset = reachable ? try? await ClockOffset.measure(dependencies.repository, clock: dependencies.clock) : nil
        let body = HealthDTO(
            status: problem == nil ? "ok" : "degraded", version: TrendlineVersion.current,
            database: .init(
                kind: dependencies.configuration.databaseKind, reachable: reachable, error: problem,
                // + 0 turns a -0 (a server a fraction of a millisecond behind) into 0.
                clock_offset_seconds: offset.map { ($0.seconds * 1000).rounded() / 1000 + 0 }),
            providers: dependencies.providers.map {
                .init(platform: $0.platform.rawValue, name: $0.name, available: $0.unavailableReason == nil, reason: $0.unavailableReason)
            })
        return try Envelope.success(body, status: problem == nil ? .ok : .serviceUnavailable, context: context)
    }

    /// The document (about 200 KB), and its gzip form, made once.
    static let openAPIAnswer = StaticAnswer(body: ByteBuffer(bytes: OpenAPIDocument.data), fields: [.contentType: "application/json"])

    @Sendable func openAPI(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        Self.openAPIAnswer.response(to: request)
    }

    /// The gauge `/metrics` sets to ``ClockOffset`` on each scrape (PostgreSQL only, within a
    /// second: a scrape does not wait for a database that does not answer), so an alert can
    /// watch every node's clock.
    static var clockOffsetGauge: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "trendline", subsystem: "database", metricName: "clock_offset", unitName: "seconds",
            helpText: "The database server's clock less this node's, in seconds, read at this scrape")
    }

    @Sendable func metrics(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        if let registry = dependencies.metrics, let offset = await ClockOffset.measure(dependencies.repository, clock: dependencies.clock, within: .seconds(1)) {
            registry.makeGauge(descriptor: Self.clockOffsetGauge).set(offset.seconds)
        }
        var buffer: [UInt8] = []
        dependencies.metrics?.emit(into: &buffer)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
    }
}
