import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import TrendlineAPI
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineRuntime
import TrendlineSimulator
import TrendlineSnapshots
import TrendlineStore
import TrendlineWebhooks

/// `trendline demo`: the platform simulator and the service wired together on a fast clock,
/// tracking sample videos on every platform, so histories grow while you watch.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Try Trendline against the built-in platform simulator, with a fast clock.")

    @Option(help: "Port of the API.") var port = 8080
    @Option(help: "How much faster than real time the demo's clock runs (120: an hour passes every 30 s).") var speed = 120.0
    @Option(help: "Data directory (default: a new temporary one).") var dataDir: String?
    @Option(help: "Requests per minute per API key, as serve's TRENDLINE_REQUESTS_PER_MINUTE (0 turns the limit off).") var requestsPerMinute = 60

    static let samples = [
        "https://www.tiktok.com/@demo.creator/video/7430511437199543584",
        "https://www.tiktok.com/@demo.creator/video/7431000000000000001",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/9bZkp7q19f0",
        "https://x.com/demo/status/1460323737035677698",
        "https://www.instagram.com/reel/CAbCdEfGhIj/",
        "https://www.facebook.com/watch/?v=1234567890123456",
        "https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/",
    ]

    func validate() throws {
        try PortArgument.check(port, option: "port")
    }

    func run() async throws {
        DeferredMetadataLogHandler.bootstrap(level: .warning)
        let logger = Logger(label: "trendline.demo")
        // /metrics shows what serve's does: the requests, the worker's checks and its lag.
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(MetricsSetup.factory(registry: registry))
        // Before any connection can use up the descriptors yt-dlp's runs need.
        await ProcessMonitor.prepare()
        let start = Date()
        let speed = max(1, self.speed)
        let clock = WallClock { start.addingTimeInterval(Date().timeIntervalSince(start) * speed) }
        let directory = dataDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("trendline-demo-\(UUIDText.random().uuidString.prefix(8))").path
        let settings = Settings(host: "127.0.0.1", port: port, dataDirectory: directory, logLevel: .warning)
        let repository = try StoreOpener.open(settings)
        let simulator = PlatformSimulator(epoch: start, clock: { clock.now })
        let demoPort = port

        try await simulator.withRunningServer { base in
            var providerSettings = ProviderSettings(
                endpoints: .all(at: base), youtubeAPIKeys: ["demo"], xBearerToken: "demo", instagramSession: "demo",
                ytdlpPath: Self.fakeYtDlpPath())
            providerSettings.ytdlpEnvironment = ["TRENDLINE_SIMULATOR_URL": base]
            let snapshots = try SnapshotRuntime(repository: repository, settings: providerSettings, clock: clock, logger: logger)
            let poster = AsyncHTTPWebhookPoster(targets: WebhookTargetPolicy(allowPrivateAddresses: true))
            try await shutdownAfter([snapshots.client.shutdown, poster.shutdown]) {
                // A data directory of an earlier demo (--data-dir) is carried on with its account and videos.
                let account: Account
                if let earlier = try await repository.account(named: "demo") {
                    account = earlier
                } else {
                    account = try await AccountService(repository: repository, clock: clock).create(name: "demo")
                }
                let key = try await APIKeyService(repository: repository, clock: clock).createKey(accountID: account.id, name: "demo")
                let results = try await TrackingService(repository: repository, resolver: snapshots.resolver, clock: clock)
                    .track(urls: Self.samples, accountID: account.id, options: .init(cadence: .hourly))
                var configuration = APIConfiguration()
                configuration.requestsPerMinute = max(0, requestsPerMinute)
                var dependencies = APIDependencies(
                    repository: repository, resolver: snapshots.resolver, clock: clock, configuration: configuration,
                    metrics: registry, liveStats: snapshots.liveStats, creatorSource: snapshots.creatorSource)
                dependencies.providers = snapshots.providerStatus
                // A receiver on this machine is what a demo's webhook points at.
                dependencies.webhookTargets = WebhookTargetPolicy(allowPrivateAddresses: true)
                let worker = snapshots.worker(configuration: .init(idleDelay: .milliseconds(200)))
                var discovery = snapshots.discoveryWorker(plans: nil)
                discovery.idleDelay = .milliseconds(200)
                let firstID = results.first?.trackedVideo?.tracking.id.uuidString.lowercased() ?? "ID"
                let welcome = """
                    Trendline demo: the platform simulator on \(base), the API on http://127.0.0.1:\(demoPort)
                    data: \(directory); the clock runs \(Int(speed))x (an hour every \(Self.seconds(3600 / speed)) s); Ctrl-C stops.
                    Tracking \(results.filter { $0.trackedVideo != nil }.count) sample videos on every platform, hourly.

                    Look at them in a browser: http://127.0.0.1:\(demoPort)/ (paste the key below), or with curl:
                      export KEY=\(key.secret)
                      curl -s http://127.0.0.1:\(demoPort)/v1/videos -H "X-API-Key: $KEY"
                      curl -s "http://127.0.0.1:\(demoPort)/v1/videos?sort=views_gained_24h&limit=5" -H "X-API-Key: $KEY"   # the fastest growing (after a simulated day)
                      curl -s http://127.0.0.1:\(demoPort)/v1/videos/\(firstID) -H "X-API-Key: $KEY"
                      curl -s -X PATCH http://127.0.0.1:\(demoPort)/v1/videos/\(firstID) -H "X-API-Key: $KEY" -H "Content-Type: application/json" -d '{"duration_days": 14, "cadence": "daily"}'   # 14 days from its start, daily
                    Follow a creator (a new upload every 6 simulated hours is tracked by itself; the dashboard's Creators section does the same):
                      curl -s -X POST http://127.0.0.1:\(demoPort)/v1/creators -H "X-API-Key: $KEY" -H "Content-Type: application/json" -d '{"url": "https://www.tiktok.com/@demo_maker"}'
                      curl -s http://127.0.0.1:\(demoPort)/v1/creators -H "X-API-Key: $KEY"
                    Receive each snapshot as a signed webhook (local addresses are allowed in the demo; the dashboard's Webhooks section does the same):
                      curl -s -X POST http://127.0.0.1:\(demoPort)/v1/webhooks -H "X-API-Key: $KEY" -H "Content-Type: application/json" -d '{"url": "http://127.0.0.1:9000/hook", "events": ["snapshot.created"]}'

                    """
                let app = buildApplication(
                    dependencies, host: "127.0.0.1", port: demoPort,
                    services: [worker, discovery, snapshots.webhookSender(poster: poster, logDays: settings.webhookLogDays), DemoReporter(repository: repository, results: results, clock: clock)], logger: logger,
                    onListening: { say(welcome) })
                try await ListenFailure.explained(host: "127.0.0.1", port: demoPort) {
                    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
                }
            }
        }
    }
}

extension Demo {
    /// Seconds as the welcome prints them: whole above 10, else to a tenth or a hundredth, so a
    /// fast clock does not say "an hour every 0 s".
    static func seconds(_ value: Double) -> String {
        if value >= 10 { return String(Int(value.rounded())) }
        return String(format: value >= 1 ? "%.1f" : "%.2f", value)
    }

    /// `scripts/fake-yt-dlp` of the checkout: under the working directory, else beside the
    /// executable (`.build/<configuration>/trendline` lives three levels below the checkout), so
    /// Facebook and LinkedIn work when the demo is started from elsewhere.
    static func fakeYtDlpPath() -> String {
        let relative = "scripts/fake-yt-dlp"
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(relative)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var directory = executable.deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(directory.appendingPathComponent(relative))
                directory = directory.deletingLastPathComponent()
            }
        }
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]).path
    }
}

/// Prints how the demo's histories grow, every few seconds.
struct DemoReporter: Service {
    let repository: any TrendlineRepository
    let results: [TrackingService.ItemResult]
    let clock: WallClock

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: .seconds(10))
            var parts: [String] = []
            for result in results {
                guard let tracked = result.trackedVideo, let video = try? await repository.video(id: tracked.video.id) else { continue }
                let history = try? await repository.snapshots(videoID: video.id, in: tracked.tracking.visibleRange, after: nil, limit: 100_000)
                let count = history?.count ?? 0
                var views = "-"
                if let latest = video.latest?.views {
                    views = String(latest)
                } else if let error = video.lastError {
                    views = "error: " + String(error.prefix(60))
                }
                parts.append("\(video.platform.rawValue) \(count) snapshots, views \(views)")
            }
            say("[\(clock.now.formatted(.iso8601))] " + parts.joined(separator: " | "))
        }
    }
}

/// Writes a line to stdout at once (not buffered), so piped demo output shows up live.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
