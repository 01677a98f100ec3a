import Foundation
import Metrics
import TrendlineCore
import TrendlineDomain

/// What the snapshot worker reports through swift-metrics (`/metrics` of `trendline serve`, and
/// of `trendline worker --health-port`), so an operator sees whether videos are kept fresh:
///
/// - `trendline_snapshot_checks` (counter, by `platform` and `outcome`: `stored`, `duplicate`,
///   `postponed`, `unavailable`): every check the worker made;
/// - `trendline_snapshot_lag` (histogram, seconds, by `platform`): for each stored snapshot,
///   how long after the video was due it was stored;
/// - `trendline_worker_round_failures` (counter): rounds that failed before their checks (the
///   claim itself), tried again after the idle delay, doubled with each failure in a row up to
///   30 s.
///
/// A round's outcomes are counted once per platform and outcome, not once per video.
public struct WorkerMetrics: Sendable {
    let factory: any MetricsFactory
    private let checks: MadeOnce<CheckKey, Counter>
    private let lags: MadeOnce<Platform, Metrics.Timer>
    private let roundFailures: Counter

    /// The lag's metric label, and the histogram buckets it is meant to have (applied by
    /// `MetricsSetup` in TrendlineRuntime): from 100 ms to an hour.
    public static let lagLabel = "trendline.snapshot.lag"
    public static let lagBuckets: [Duration] = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900, 3600].map { .milliseconds(Int64($0 * 1000)) }

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        checks = MadeOnce()
        lags = MadeOnce()
        roundFailures = Counter(label: "trendline.worker.round.failures", dimensions: [], factory: factory)
    }

    /// Counts the outcomes of one platform's checks in a round; `videos` are the claimed rows,
    /// whose next check time is when each was due.
    func record(_ outcomes: [Int64: SnapshotTaker.Result], of videos: [Video], platform: Platform, storedAt: Date) {
        var counts: [CheckKey.Outcome: Int] = [:]
        var lagNanoseconds: [Int64] = []
        for video in videos {
            guard let outcome = outcomes[video.id] else { continue }
            let kind = CheckKey.Outcome(outcome)
            counts[kind, default: 0] += 1
            if kind == .stored, let due = video.nextCheckAt {
                lagNanoseconds.append(Int64(max(0, storedAt.timeIntervalSince(due)) * 1e9))
            }
        }
        if !lagNanoseconds.isEmpty {
            let lag = lags.value(for: platform) {
                Metrics.Timer(label: Self.lagLabel, dimensions: [("platform", platform.rawValue)], preferredDisplayUnit: .seconds, factory: factory)
            }
            for nanoseconds in lagNanoseconds { lag.recordNanoseconds(nanoseconds) }
        }
        for (kind, count) in counts {
            let key = CheckKey(platform: platform, outcome: kind)
            checks.value(for: key) {
                Counter(label: "trendline.snapshot.checks", dimensions: [("platform", platform.rawValue), ("outcome", kind.rawValue)], factory: factory)
            }.increment(by: count)
        }
    }

    func roundFailed() {
        roundFailures.increment()
    }

    struct CheckKey: Hashable, Sendable {
        enum Outcome: String, Sendable {
            case stored, duplicate, postponed, unavailable

            init(_ result: SnapshotTaker.Result) {
                switch result {
                case .stored: self = .stored
                case .duplicate: self = .duplicate
                case .postponed: self = .postponed
                case .unavailable: self = .unavailable
                }
            }
        }

        let platform: Platform
        let outcome: Outcome
    }
}
