import Metrics
import TrendlineCore

/// What the webhook sender reports through swift-metrics (`/metrics`), so an operator can alert
/// on receivers that fail before their endpoints are disabled:
///
/// - `trendline_webhook_deliveries` (counter, by `outcome`): every attempt, `delivered` (a 2xx),
///   `retried` (failed, tried again later) or `failed` (failed for good: the retry period is over);
/// - `trendline_webhook_log_pruned` (counter): outbox rows the retention deleted;
/// - `trendline_webhook_round_failures` (counter): rounds that failed before their deliveries
///   (the store could not fan out or claim), tried again after a wait that doubles up to 30 s.
public struct WebhookMetrics: Sendable {
    /// How an attempt ended.
    public enum Outcome: String, Sendable, CaseIterable {
        case delivered, retried, failed
    }

    let factory: any MetricsFactory
    private let attempts: MadeOnce<Outcome, Counter>
    private let pruned: Counter
    private let roundFailures: Counter

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        attempts = MadeOnce()
        pruned = Counter(label: "trendline.webhook.log.pruned", dimensions: [], factory: factory)
        roundFailures = Counter(label: "trendline.webhook.round.failures", dimensions: [], factory: factory)
    }

    func attempted(_ outcome: Outcome) {
        attempts.value(for: outcome) {
            Counter(label: "trendline.webhook.deliveries", dimensions: [("outcome", outcome.rawValue)], factory: factory)
        }.increment()
    }

    func prunedRows(_ count: Int) {
        if count > 0 { pruned.increment(by: count) }
    }

    func roundFailed() {
        roundFailures.increment()
    }
}
