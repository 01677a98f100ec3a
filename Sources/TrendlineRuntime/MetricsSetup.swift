import Metrics
import Prometheus
import TrendlineSnapshots

/// The Prometheus factory `serve` and `worker` bootstrap swift-metrics with: Prometheus's
/// default buckets stop at 10 s, which suits request durations but not the worker's
/// due-to-stored lag, whose target is a minute and whose trouble is counted in minutes.
public enum MetricsSetup {
    public static func factory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[WorkerMetrics.lagLabel] = WorkerMetrics.lagBuckets
        return factory
    }
}
