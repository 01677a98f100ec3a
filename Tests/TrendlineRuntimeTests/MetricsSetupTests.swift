import Foundation
import Prometheus
import Testing
import TrendlineDomain
@testable import TrendlineSnapshots
import TrendlineRuntime

/// The factory `serve` and `worker` bootstrap gives the worker's lag buckets up to an hour.
struct MetricsSetupTests {
    @Test func theLagHistogramReachesAnHourAndRequestDurationsKeepTheDefaults() {
        let registry = PrometheusCollectorRegistry()
        let factory = MetricsSetup.factory(registry: registry)
        let metrics = WorkerMetrics(factory: factory)
        let due = Date(timeIntervalSince1970: 1_000)
        let video = Video(id: 1, platform: .youtube, externalID: "x", canonicalURL: "https://youtu.be/x", nextCheckAt: due, createdAt: due)
        metrics.record([1: .stored(provider: "test")], of: [video], platform: .youtube, storedAt: due.addingTimeInterval(45))
        let page = registry.emitToString()
        #expect(page.contains(#"trendline_snapshot_lag_bucket{platform="youtube",le="30.0"} 0"#), "\(page)")
        #expect(page.contains(#"trendline_snapshot_lag_bucket{platform="youtube",le="60.0"} 1"#), "\(page)")
        #expect(page.contains(#"trendline_snapshot_lag_bucket{platform="youtube",le="3600.0"} 1"#), "\(page)")
        #expect(factory.durationHistogramBuckets.count == 1, "other timers keep Prometheus's defaults")
    }
}
