import Foundation
import Prometheus
import Testing
import GRDB
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineSimulator
import TrendlineTestSupport
@testable import TrendlineSnapshots
@testable import TrendlineSQLite

/// The worker's own metrics, read as `/metrics` would print them.
struct WorkerMetricsTests {
    /// The line of `page` for `name` whose labels include every one of `labels`; its value.
    func value(_ page: String, _ name: String, _ labels: [String] = []) -> String? {
        page.split(separator: "\n").first { line in
            line.hasPrefix(name + "{") || line.hasPrefix(name + " ")
                ? labels.allSatisfy { line.contains($0) } : false
        }.map { String($0.split(separator: " ").last ?? "") }
    }

    @Test func checksAreCountedByPlatformAndOutcomeAndStoredOnesTimedFromTheirDueTime() async throws {
        let state = SimulatorState()
        state.set(.privateVideo, forIDsContaining: "7300")
        try await WorkerWorld.run(state: state) { world in
            let registry = PrometheusCollectorRegistry()
            let worker = SnapshotWorker(
                taker: world.worker.taker, configuration: world.worker.configuration,
                metrics: WorkerMetrics(factory: PrometheusMetricsFactory(registry: registry)))
            _ = try await world.track((0..<3).map { "https://www.youtube.com/watch?v=\(String(format: "wm%09d", $0))" })
            _ = try await world.track(["https://www.tiktok.com/@a/video/7300000000000000009"])
            // Due when tracked; the worker gets to them 30 s later.
            world.clock.advance(30)
            #expect(try await worker.runOnce() == 4)

            let page = registry.emitToString()
            #expect(value(page, "trendline_snapshot_checks", [#"platform="youtube""#, #"outcome="stored""#]) == "3", "\(page)")
            #expect(value(page, "trendline_snapshot_checks", [#"platform="tiktok""#, #"outcome="unavailable""#]) == "1", "\(page)")
            #expect(value(page, "trendline_snapshot_checks", [#"outcome="postponed""#]) == nil, "no zero counters")
            #expect(value(page, "trendline_snapshot_lag_count", [#"platform="youtube""#]) == "3", "\(page)")
            #expect(value(page, "trendline_snapshot_lag_sum", [#"platform="youtube""#]).flatMap(Double.init) == 90, "\(page)")
            #expect(value(page, "trendline_snapshot_lag_count", [#"platform="tiktok""#]) == nil, "only stored snapshots have a lag")

            // The next hour's checks add to the same counters.
            world.clock.advance(3600)
            _ = try await worker.drain()
            let later = registry.emitToString()
            let stored = value(later, "trendline_snapshot_checks", [#"platform="youtube""#, #"outcome="stored""#]).flatMap(Int.init)
            #expect((stored ?? 0) >= 6, "\(later)")
            #expect(value(later, "trendline_worker_round_failures") == "0", "\(later)")
        }
    }
}

/// A store that fails every round (here it cannot write) is retried after a wait that doubles
/// with each failure in a row, not every idle delay.
struct WorkerRetryTests {
    @Test func theWaitDoublesUpToThirtySeconds() {
        let idle = Duration.seconds(1)
        #expect((1...7).map { FailureBackoff.delay(afterFailures: $0, idle: idle) } == [1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
        #expect(FailureBackoff.delay(afterFailures: 1_000, idle: .milliseconds(10)) == .seconds(30))
        #expect(FailureBackoff.delay(afterFailures: 3, idle: .seconds(60)) == .seconds(60), "an idle delay over 30 s is the wait")
    }

    @Test func aStoreThatFailsEveryRoundIsRetriedLessAndLessOften() async throws {
        try await WorkerWorld.run { world in
            try await world.store.pool.base.write { db in try db.execute(sql: "PRAGMA query_only = 1") }
            let registry = PrometheusCollectorRegistry()
            var configuration = world.worker.configuration
            configuration.idleDelay = .milliseconds(20)
            let worker = SnapshotWorker(taker: world.worker.taker, configuration: configuration, metrics: WorkerMetrics(factory: PrometheusMetricsFactory(registry: registry)))
            let failures: @Sendable () -> Int = { WorkerMetricsTests().value(registry.emitToString(), "trendline_worker_round_failures").flatMap(Int.init) ?? 0 }
            let elapsed = try await LoopTiming.untilFailures(5, failures) { try await worker.run() }
            #expect(failures() >= 5)
            // Between the five failures it waited 20 + 40 + 80 + 160 ms at least (a sleep is
            // never shorter than asked); a retry every idle delay waits 4 x 20 ms.
            #expect(elapsed >= .milliseconds(300), "\(elapsed)")
        }
    }

    /// A graceful shutdown during the longest wait (30 s) ends it: systemd's stop timeout is 30 s.
    @Test func aGracefulShutdownEndsTheWait() async throws {
        try await WorkerWorld.run { world in
            try await world.store.pool.base.write { db in try db.execute(sql: "PRAGMA query_only = 1") }
            var configuration = world.worker.configuration
            configuration.idleDelay = .seconds(30)
            let worker = SnapshotWorker(taker: world.worker.taker, configuration: configuration)
            let stopping = try await LoopTiming.untilStoppedGracefully { try await worker.run() }
            #expect(stopping < .seconds(20), "the worker stopped without waiting out its 30 s")
        }
    }
}

/// Creator discovery's failed rounds wait as the worker's do, and a graceful shutdown ends the
/// wait (it slept its idle delay without regard to shutdown, and warned each time).
struct DiscoveryRetryTests {
    @Test func aGracefulShutdownEndsTheWaitAfterAFailedRound() async throws {
        let store = try SQLiteRepository(path: try ScratchDirectory.make("discovery").appendingPathComponent("t.sqlite").path)
        try await store.pool.base.write { db in try db.execute(sql: "PRAGMA query_only = 1") }
        let discovery = CreatorDiscovery(
            repository: store, source: ProviderCreatorSource(providers: [:]),
            tracking: TrackingService(repository: store, resolver: UnconfiguredShortLinkResolver()), plans: PlanCatalog())
        var configured = CreatorDiscoveryWorker(discovery: discovery)
        configured.idleDelay = .seconds(30)
        let worker = configured
        let stopping = try await LoopTiming.untilStoppedGracefully { try await worker.run() }
        #expect(stopping < .seconds(20), "discovery stopped without waiting out its 30 s")
    }
}
