import ArgumentParser
import Hummingbird
import Logging
import Metrics
import Prometheus
import TrendlineAPI
import TrendlineCore
import TrendlineRuntime

/// `trendline serve`: the REST API on the SQLite store (created and migrated on first start).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP API.")

    @Option(name: .long, help: "Address to listen on (env TRENDLINE_HOST, default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (env TRENDLINE_PORT, default 8080).")
    var port: Int?

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let settings = try await common.settings(host: host, port: port)
        LoggingSetup.bootstrap(level: settings.logLevel)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "trendline")
        let repository = try StoreOpener.open(settings)
        logger.info("database ready", metadata: ["path": .string(repository.path)])
        let dependencies = APIDependencies(repository: repository, metrics: registry)
        let app = buildApplication(dependencies, host: settings.host, port: settings.port, logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}

/// `trendline migrate`: brings the database schema up to date (serve also does it on start).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let settings = try await common.settings()
        _ = try StoreOpener.open(settings)
        print("database at \(settings.databasePath) is up to date")
    }
}
