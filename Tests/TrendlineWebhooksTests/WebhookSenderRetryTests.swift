import Foundation
import GRDB
import Prometheus
import TrendlineTestSupport
import Testing
import TrendlineDomain
@testable import TrendlineSQLite
import TrendlineWebhooks

/// A store that fails every round of the sender (here it cannot write) is retried after a wait
/// that doubles with each failure in a row, and each failed round is counted.
struct WebhookSenderRetryTests {
    @Test func aStoreThatFailsEveryRoundIsRetriedLessAndLessOften() async throws {
        let world = try await WebhookSenderTests.World()
        try await world.store.pool.base.write { db in try db.execute(sql: "PRAGMA query_only = 1") }
        let registry = PrometheusCollectorRegistry()
        var configuration = WebhookSender.Configuration()
        configuration.idleDelay = .milliseconds(20)
        configuration.logRetention = nil
        let sender = WebhookSender(
            repository: world.store, poster: WebhookSenderTests.poster, clock: world.clock.wall, configuration: configuration,
            metrics: WebhookMetrics(factory: PrometheusMetricsFactory(registry: registry)))
        let failures: @Sendable () -> Int = {
            registry.emitToString().split(separator: "\n").first { $0.hasPrefix("trendline_webhook_round_failures ") }
                .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        }
        let elapsed = try await LoopTiming.untilFailures(5, failures) { try await sender.run() }
        #expect(failures() >= 5)
        // 20 + 40 + 80 + 160 ms at least between the five failures; at the idle delay, 4 x 20 ms.
        #expect(elapsed >= .milliseconds(300), "\(elapsed)")
    }

    /// A graceful shutdown during the longest wait (30 s) ends it.
    @Test func aGracefulShutdownEndsTheWait() async throws {
        let world = try await WebhookSenderTests.World()
        try await world.store.pool.base.write { db in try db.execute(sql: "PRAGMA query_only = 1") }
        var configuration = WebhookSender.Configuration()
        configuration.idleDelay = .seconds(30)
        configuration.logRetention = nil
        let sender = WebhookSender(repository: world.store, poster: WebhookSenderTests.poster, clock: world.clock.wall, configuration: configuration)
        let stopping = try await LoopTiming.untilStoppedGracefully { try await sender.run() }
        #expect(stopping < .seconds(20), "the sender stopped without waiting out its 30 s")
    }
}
