import Foundation
import Metrics
import Prometheus
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// Everything the HTTP API needs, built once by the executable (or a test) and passed to
/// ``buildRouter(_:)``.
public struct APIDependencies: Sendable {
    public let repository: any TrendlineRepository
    public let resolver: any ShortLinkResolver
    public let clock: WallClock
    public let configuration: APIConfiguration
    /// Where `/metrics` reads from; `nil` serves an empty page.
    public var metrics: PrometheusCollectorRegistry?
    /// Fetches counters on demand (manual refresh).
    public let liveStats: any LiveStats
    /// Where rate-limit buckets live (in memory for SQLite, in the database for PostgreSQL).
    public var rateLimiter: any RateLimiter = InMemoryRateLimiter()
    /// One-off stats with their cache (`POST /v1/post/stats`), built from the fields above,
    /// which are fixed at init so it cannot drift from them.
    public let oneOffStats: OneOffStatsService
    /// Creator profiles and recent videos with their cache (`/v1/profile` and friends).
    public let creatorLookup: CreatorLookupService
    /// The providers of this process and whether they can run, shown by /health.
    public var providers: [ProviderStatus] = []
    /// The operator's plans; `nil` gives every account one unlimited plan with the rate limits
    /// and refreshes of ``configuration``.
    public var plans: PlanCatalog?
    /// Encoded snapshot lists of recently read video details (see ``EncodedHistoryCache``).
    let historyCache = EncodedHistoryCache()
    /// Where the server listens, for the MCP endpoint's calls to the API (set when it is up).
    public let ownAddress = OwnAddress()
    /// Which webhook URLs are accepted (private addresses only when the operator allows them).
    public var webhookTargets = WebhookTargetPolicy()

    /// Where the request metrics go: the registry served at /metrics, else the bootstrapped system.
    var metricsFactory: any MetricsFactory {
        metrics.map { PrometheusMetricsFactory(registry: $0) } ?? MetricsSystem.factory
    }

    /// The plan that governs `account`.
    public func plan(for account: Account) -> Plan {
        if let plans { return plans.plan(named: account.plan) }
        var plan = Plan.unlimited
        plan.requestsPerMinute = configuration.requestsPerMinute
        plan.urlsPerMinute = configuration.urlsPerMinute
        plan.manualRefreshesPerDay = configuration.refreshesPerDay
        return plan
    }

    public init(
        repository: any TrendlineRepository, resolver: any ShortLinkResolver = UnconfiguredShortLinkResolver(),
        clock: WallClock = .system, configuration: APIConfiguration = APIConfiguration(), metrics: PrometheusCollectorRegistry? = nil,
        liveStats: any LiveStats = NoLiveStats(), creatorSource: any CreatorSource = NoCreatorSource()
    ) {
        self.creatorLookup = CreatorLookupService(source: creatorSource, clock: clock, timeToLive: configuration.statsCacheSeconds)
        self.repository = repository
        self.resolver = resolver
        self.clock = clock
        self.configuration = configuration
        self.metrics = metrics
        self.liveStats = liveStats
        self.oneOffStats = OneOffStatsService(live: liveStats, resolver: resolver, clock: clock, timeToLive: configuration.statsCacheSeconds)
    }
}

/// Tunables of the HTTP API.
public struct APIConfiguration: Sendable {
    public static let defaultBodyLimit = 1 << 20
    /// Largest accepted request body in bytes (413 beyond).
    public var bodyLimit: Int
    /// Shown by /health, e.g. "sqlite".
    public var databaseKind: String
    /// Longest accepted notes, in characters.
    public var maximumNotesLength: Int
    /// At most this many snapshots are embedded in `GET /v1/videos/{id}`.
    public var embeddedSnapshotLimit: Int

    /// Requests per minute per API key (token bucket; 0 turns the limit off).
    public var requestsPerMinute: Int = 60
    /// URLs tracked per minute per API key (0 turns the limit off).
    public var urlsPerMinute: Int = 1000
    /// Manual refreshes allowed per video per 24 hours (429 beyond).
    public var refreshesPerDay: Int
    /// How long one-off stats are cached, in seconds.
    public var statsCacheSeconds: TimeInterval

    public init(
        bodyLimit: Int = APIConfiguration.defaultBodyLimit, databaseKind: String = "sqlite", maximumNotesLength: Int = NotesText.defaultMaximumLength,
        embeddedSnapshotLimit: Int = 2_000, refreshesPerDay: Int = 10, statsCacheSeconds: TimeInterval = 600
    ) {
        self.refreshesPerDay = refreshesPerDay
        self.statsCacheSeconds = statsCacheSeconds
        self.bodyLimit = bodyLimit
        self.databaseKind = databaseKind
        self.maximumNotesLength = maximumNotesLength
        self.embeddedSnapshotLimit = embeddedSnapshotLimit
    }
}

extension APIConfiguration {
    /// A 400 naming `notes` when they are longer than ``maximumNotesLength``.
    func checkNotes(_ notes: String) throws {
        if let problem = NotesText.problem(notes, limit: maximumNotesLength) { throw APIError.validation(problem, field: "notes") }
    }
}

/// The version reported by /health and the OpenAPI document.
public enum TrendlineVersion {
    public static let current = "0.1.0"
}
