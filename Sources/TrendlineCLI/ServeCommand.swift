import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import TrendlineAPI
import TrendlineCore
import TrendlineProviders
import TrendlineRuntime
import TrendlineDomain
import TrendlineWebhooks

/// `trendline serve`: the REST API and the snapshot worker in one process, on the SQLite
/// store (created and migrated on first start). `--no-worker` serves the API only.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP API and the snapshot worker.")

    @Option(name: .long, help: "Address to listen on (env TRENDLINE_HOST, default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (env TRENDLINE_PORT, default 8080).")
    var port: Int?

    @Flag(name: .long, help: "Serve the API only; leave snapshots to `trendline worker` processes.")
    var noWorker = false

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let settings = try await common.settings(host: host, port: port)
        DeferredMetadataLogHandler.bootstrap(level: settings.logLevel)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(MetricsSetup.factory(registry: registry))
        let logger = Logger(label: "trendline")
        for warning in settings.warnings { logger.warning("\(warning)") }
        // Before any connection can use up the descriptors yt-dlp's runs need.
        await ProcessMonitor.prepare()
        let noWorker = self.noWorker
        try await StoreOpener.withStore(settings, logger: logger) { store in
            logger.info("database ready", metadata: ["kind": .string(store.kind), "at": .string(store.location)])
            let snapshots = try SnapshotRuntime(repository: store.repository, settings: settings.providers, logger: logger)
            var configuration = APIConfiguration(
                databaseKind: store.kind, refreshesPerDay: settings.refreshesPerDay, statsCacheSeconds: TimeInterval(settings.statsCacheSeconds))
            configuration.requestsPerMinute = settings.requestsPerMinute
            configuration.urlsPerMinute = settings.urlsPerMinute
            var dependencies = APIDependencies(
                repository: store.repository, resolver: snapshots.resolver, configuration: configuration, metrics: registry,
                liveStats: snapshots.liveStats, creatorSource: snapshots.creatorSource)
            // Several API nodes share PostgreSQL, so their buckets must live there too.
            if store.kind == "postgres" { dependencies.rateLimiter = StoreRateLimiter(repository: store.repository) }
            dependencies.providers = snapshots.providerStatus
            dependencies.plans = settings.plans
            dependencies.webhookTargets = settings.webhookTargets
            let poster = AsyncHTTPWebhookPoster(targets: settings.webhookTargets)
            var services: [any Service] = noWorker
                ? [] : [snapshots.worker(configuration: settings.workerConfiguration), snapshots.webhookSender(poster: poster, logDays: settings.webhookLogDays), snapshots.discoveryWorker(plans: settings.plans)]
            if store.kind == "postgres" { services.append(ClockOffsetWatch(repository: store.repository, lease: settings.workerConfiguration.lease, logger: logger)) }
            let app = buildApplication(dependencies, host: settings.host, port: settings.port, services: services, logger: logger)
            try await shutdownAfter([snapshots.client.shutdown, poster.shutdown]) {
                try await ListenFailure.explained(host: settings.host, port: settings.port) {
                    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
                }
            }
        }
    }
}

/// `trendline worker`: takes snapshots only (for processes beside API-only nodes).
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the snapshot worker without the HTTP API.")

    @Option(help: "Serve /health and /metrics on this port (off by default).") var healthPort: Int?
    @Option(help: "Address for --health-port.") var healthHost = "127.0.0.1"

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try PortArgument.check(healthPort, option: "health-port")
    }

    func run() async throws {
        let settings = try await common.settings()
        DeferredMetadataLogHandler.bootstrap(level: settings.logLevel)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(MetricsSetup.factory(registry: registry))
        let logger = Logger(label: "trendline")
        for warning in settings.warnings { logger.warning("\(warning)") }
        // Before any connection can use up the descriptors yt-dlp's runs need.
        await ProcessMonitor.prepare()
        let (healthPort, healthHost) = (self.healthPort, self.healthHost)
        try await StoreOpener.withStore(settings, logger: logger) { store in
            logger.info("worker on \(store.kind) at \(store.location)")
            let snapshots = try SnapshotRuntime(repository: store.repository, settings: settings.providers, logger: logger)
            let poster = AsyncHTTPWebhookPoster(targets: settings.webhookTargets)
            var services: [any Service] = [snapshots.worker(configuration: settings.workerConfiguration), snapshots.webhookSender(poster: poster, logDays: settings.webhookLogDays), snapshots.discoveryWorker(plans: settings.plans)]
            if store.kind == "postgres" { services.append(ClockOffsetWatch(repository: store.repository, lease: settings.workerConfiguration.lease, logger: logger)) }
            try await shutdownAfter([snapshots.client.shutdown, poster.shutdown]) {
                if let healthPort {
                    var dependencies = APIDependencies(repository: store.repository, configuration: APIConfiguration(databaseKind: store.kind), metrics: registry)
                    dependencies.providers = snapshots.providerStatus
                    let app = Application(
                        router: buildHealthRouter(dependencies), configuration: .init(address: .hostname(healthHost, port: healthPort), serverName: "trendline-worker"),
                        services: services, logger: logger)
                    try await ListenFailure.explained(host: healthHost, port: healthPort) {
                        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
                    }
                } else {
                    let group = ServiceGroup(configuration: .init(
                        services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                    try await group.run()
                }
            }
        }
    }
}

/// `trendline migrate`: brings the database schema up to date (serve also does it on start).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let settings = try await common.settings()
        try await StoreOpener.withStore(settings) { store in
            print("\(store.kind) database at \(store.location) is up to date")
        }
    }
}
