import Foundation
import Logging
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineSnapshots
import TrendlineStore
import TrendlineWebhooks

/// Builds the snapshot side of a process (HTTP client, provider chains, short-link resolver,
/// worker) from ``ProviderSettings``. One per process.
public struct SnapshotRuntime: Sendable {
    public let client: AsyncHTTPUpstreamClient
    public let chains: [Platform: ProviderChain]
    public let resolver: any ShortLinkResolver
    public let taker: SnapshotTaker
    public let liveStats: ChainLiveStats
    /// Creator profiles and recent videos, from the same client and endpoints.
    public let creatorSource: ProviderCreatorSource

    /// Every provider of every chain, and whether it can run here.
    public var providerStatus: [ProviderStatus] {
        chains.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { platform, chain in
            chain.providers.map { ProviderStatus(platform: platform, name: $0.name, unavailableReason: $0.unavailableReason()) }
        }
    }

    /// Throws before it makes its HTTP client when the settings name an unknown provider: a
    /// client released without its shutdown stops the process.
    public init(repository: any TrendlineRepository, settings: ProviderSettings, clock: WallClock = .system, logger: Logger) throws {
        try ProviderRegistry.checkOrder(settings)
        client = AsyncHTTPUpstreamClient(timeout: .seconds(Int64(settings.timeoutSeconds)))
        let sessions = ProviderSessions(settings)
        chains = try ProviderRegistry.chains(settings, client: client, sessions: sessions)
        resolver = RedirectFollowingResolver(fetcher: HTTPRedirectHopFetcher(client: client, endpoints: settings.endpoints))
        let guards = Dictionary(uniqueKeysWithValues: Platform.allCases.map { platform in
            (platform, PlatformGuard(configuration: .init(requestsPerMinute: Double(settings.requestsPerMinute[platform] ?? 600)), now: clock.now))
        })
        var taker = SnapshotTaker(repository: repository, chains: chains, guards: guards, clock: clock, logger: logger)
        taker.concurrency = settings.concurrency
        self.taker = taker
        liveStats = ChainLiveStats(chains: chains, clock: clock)
        creatorSource = ProviderCreatorSource(chains: CreatorProviderRegistry.chains(settings, client: client, clock: clock, sessions: sessions), clock: clock)
        for (platform, chain) in chains.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for provider in chain.providers {
                if let reason = provider.unavailableReason() {
                    logger.notice("provider unavailable", metadata: ["platform": "\(platform.rawValue)", "provider": "\(provider.name)", "reason": "\(reason)"])
                }
            }
        }
    }

    /// The worker's settings from the environment: TRENDLINE_WORKER_LEASE_SECONDS (default 300),
    /// TRENDLINE_WORKER_CLAIM_LIMIT (default 500) and TRENDLINE_WORKER_ROUNDS (rounds in flight,
    /// default 1).
    public static func workerConfiguration(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SnapshotWorker.Configuration {
        var configuration = SnapshotWorker.Configuration()
        if let lease = environment["TRENDLINE_WORKER_LEASE_SECONDS"].flatMap(Double.init), lease > 0 { configuration.lease = lease }
        if let limit = environment["TRENDLINE_WORKER_CLAIM_LIMIT"].flatMap(Int.init), limit > 0 { configuration.claimLimit = limit }
        if let rounds = environment["TRENDLINE_WORKER_ROUNDS"].flatMap(Int.init), rounds > 0 { configuration.roundsInFlight = rounds }
        return configuration
    }

    public func worker(configuration: SnapshotWorker.Configuration = SnapshotRuntime.workerConfiguration()) -> SnapshotWorker {
        SnapshotWorker(taker: taker, configuration: configuration, logger: Logger(label: "trendline.worker"))
    }

    /// Creator discovery, run beside the worker; `plans` decide what discovered videos may cost.
    public func discoveryWorker(plans: PlanCatalog?) -> CreatorDiscoveryWorker {
        let tracking = TrackingService(repository: taker.repository, resolver: resolver, clock: taker.clock)
        let discovery = CreatorDiscovery(
            repository: taker.repository, source: creatorSource, tracking: tracking, plans: plans ?? PlanCatalog(), clock: taker.clock)
        return CreatorDiscoveryWorker(discovery: discovery)
    }

    /// The webhook sender that runs beside the worker, keeping finished deliveries `logDays`
    /// days (0: forever); shut `poster` down at exit.
    public func webhookSender(poster: AsyncHTTPWebhookPoster, logDays: Int) -> WebhookSender {
        var configuration = WebhookSender.Configuration()
        configuration.logRetention = logDays > 0 ? TimeInterval(logDays) * 86_400 : nil
        return WebhookSender(
            repository: taker.repository, poster: poster, clock: taker.clock, configuration: configuration, logger: Logger(label: "trendline.webhooks"))
    }
}
