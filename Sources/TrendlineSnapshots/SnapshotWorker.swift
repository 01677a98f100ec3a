import Foundation
import Logging
import ServiceLifecycle
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// The worker: claims due videos with a lease, groups them per platform (so batching providers
/// get many ids per call), takes their snapshots, and repeats. A crashed worker leaves leases
/// that expire, and any worker takes the videos again. Runs as a ServiceLifecycle service and
/// stops promptly on shutdown.
public struct SnapshotWorker: Service {
    public struct Configuration: Sendable {
        /// Videos claimed per round. Bounds the burst after downtime: overdue videos are taken
        /// oldest first, a round at a time.
        public var claimLimit: Int
        /// How long a claim holds a video.
        public var lease: TimeInterval
        /// Wait between rounds when nothing is due (real time).
        public var idleDelay: Duration
        /// Rounds in flight at once (default 1). With one, the cores idle while a round claims
        /// and while its last batches are stored (one SQLite writer); with two, the other round
        /// fetches meanwhile (pipeline +20-45 % with YouTube batches, docs/benchmarks.md).
        /// Opt-in because each round holds its claimed videos until it ends: a round that
        /// outlives the lease has its videos taken and fetched again by another worker (seen
        /// with 8 s leases and one-page-per-video TikTok fetches). The store keeps one of the
        /// two checks (``SnapshotRecord/lease``), but the upstream requests are spent twice.
        /// At least 1.
        public var roundsInFlight: Int {
            didSet { roundsInFlight = max(1, roundsInFlight) }
        }

        public init(claimLimit: Int = 500, lease: TimeInterval = 300, idleDelay: Duration = .seconds(1), roundsInFlight: Int = 1) {
            self.claimLimit = claimLimit
            self.lease = lease
            self.idleDelay = idleDelay
            self.roundsInFlight = max(1, roundsInFlight)
        }
    }

    public let taker: SnapshotTaker
    public let configuration: Configuration
    /// Checks by outcome, due-to-stored lag, failed rounds (``WorkerMetrics``).
    public let metrics: WorkerMetrics
    let logger: Logger

    public init(
        taker: SnapshotTaker, configuration: Configuration = Configuration(), metrics: WorkerMetrics = WorkerMetrics(),
        logger: Logger = Logger(label: "trendline.worker")
    ) {
        self.taker = taker
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        logger.info("worker started", metadata: ["claim_limit": "\(configuration.claimLimit)", "rounds_in_flight": "\(configuration.roundsInFlight)"])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<configuration.roundsInFlight {
                group.addTask { await runRounds() }
            }
        }
        logger.info("worker stopped")
    }

    /// Rounds one after another until shutdown; ``run()`` keeps `roundsInFlight` of these going.
    func runRounds() async {
        var failures = FailureStreak(idle: configuration.idleDelay, what: "worker round", logger: logger)
        while !Task.isCancelledOrShuttingDown {
            let done: Int
            do {
                done = try await runOnce()
                failures.succeeded()
            } catch where Task.isCancelled {
                break  // stopped mid-round: the round's error is the cancellation, not a failure
            } catch {
                metrics.roundFailed()
                await failures.failed(error)
                continue
            }
            if done == 0 {
                try? await Task.sleep(for: configuration.idleDelay)
            }
        }
    }

    /// Runs rounds, `roundsInFlight` at a time, until nothing is due; returns how many videos
    /// were taken. What ``run()`` does while there is work, without waiting for more.
    @discardableResult
    public func drain() async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<configuration.roundsInFlight {
                group.addTask {
                    var taken = 0
                    while true {
                        let done = try await runOnce()
                        if done == 0 { return taken }
                        taken += done
                    }
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// One round: claim, fetch per platform in parallel, store. Returns how many videos it took.
    @discardableResult
    public func runOnce() async throws -> Int {
        let now = taker.clock.now
        let claimed = try await taker.repository.claimDueVideos(
            at: now, limit: configuration.claimLimit, leaseUntil: now.addingTimeInterval(configuration.lease))
        guard !claimed.isEmpty else { return 0 }
        let byPlatform = Dictionary(grouping: claimed, by: \.platform)
        await withTaskGroup(of: Void.self) { group in
            for (platform, videos) in byPlatform {
                group.addTask {
                    let outcomes = await taker.take(videos, platform: platform)
                    metrics.record(outcomes, of: videos, platform: platform, storedAt: taker.clock.now)
                }
            }
        }
        return claimed.count
    }
}

extension Task where Success == Never, Failure == Never {
    /// Cancelled, or the service group is shutting down gracefully.
    static var isCancelledOrShuttingDown: Bool {
        Task.isCancelled || Task.isShuttingDownGracefully
    }
}
