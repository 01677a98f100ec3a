import Foundation
import Logging
import ServiceLifecycle
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// Delivers webhook events: turns new outbox events into deliveries, leases due deliveries,
/// POSTs each signed body, and records the outcome with the retry policy. A crashed sender
/// leaves events in the outbox and leases that expire, so nothing committed is lost; receivers
/// deduplicate on the event id (delivery is at least once).
///
/// Deliveries to one endpoint go one at a time, oldest first; endpoints are served in parallel.
public struct WebhookSender: Service {
    public struct Configuration: Sendable {
        /// Events fanned out and deliveries claimed per round.
        public var batch: Int = 200
        /// How long a claim holds a delivery (longer than a POST can take).
        public var lease: TimeInterval = 120
        /// Wait between rounds when nothing was sent (real time).
        public var idleDelay: Duration = .seconds(1)
        public var retry = WebhookRetryPolicy()
        /// The clock of the signature's `t`. Receivers check it against their own clock to refuse
        /// replays, so it stays real time when the sender's `clock` runs fast (the demo).
        public var signingClock: WallClock = .system
        /// How long finished deliveries (delivered or failed) and their events are kept, by the
        /// sender's clock; `nil` keeps them forever. Each snapshot of a video an account watches
        /// with webhooks writes an event and a delivery, so without this the outbox grows forever.
        public var logRetention: TimeInterval? = 30 * 86_400
        /// How often the log is pruned (the sender's clock); the first round prunes.
        public var pruneInterval: TimeInterval = 3_600

        public init() {}
    }

    let repository: any TrendlineRepository
    let poster: any WebhookPoster
    let clock: WallClock
    let configuration: Configuration
    let metrics: WebhookMetrics
    let logger: Logger

    public init(
        repository: any TrendlineRepository, poster: any WebhookPoster, clock: WallClock = .system, configuration: Configuration = Configuration(),
        metrics: WebhookMetrics = WebhookMetrics(), logger: Logger = Logger(label: "trendline.webhooks")
    ) {
        self.metrics = metrics
        self.repository = repository
        self.poster = poster
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
    }

    /// Sends until shutdown, and prunes the log beside the sending, so that a long first prune
    /// (an outbox grown before pruning existed) never holds deliveries back. The sending decides
    /// when the service ends: the pruner ends at once when the log is kept forever, and on a
    /// graceful shutdown the round in flight finishes and records its attempts.
    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await pruneUntilCancelled() }
            await sendUntilShutdown()
            group.cancelAll()
        }
    }

    func sendUntilShutdown() async {
        var failures = FailureStreak(idle: configuration.idleDelay, what: "webhook round", logger: logger)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            var sent = 0
            do {
                sent = try await runOnce()
                failures.succeeded()
            } catch where Task.isCancelled {
                break  // stopped mid-round: the round's error is the cancellation, not a failure
            } catch {
                metrics.roundFailed()
                await failures.failed(error)
                continue
            }
            if sent == 0 { try? await Task.sleep(for: configuration.idleDelay) }
        }
    }

    /// Prunes at once, then whenever ``Configuration/pruneInterval`` has passed on the sender's
    /// clock (looked at every ``Configuration/idleDelay``).
    func pruneUntilCancelled() async {
        guard configuration.logRetention != nil else { return }
        var prunedAt: Date?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if prunedAt.map({ clock.now.timeIntervalSince($0) >= configuration.pruneInterval }) ?? true {
                prunedAt = clock.now
                do { try await pruneLog() } catch where Task.isCancelled { return } catch { logger.warning("pruning the webhook log failed; trying again later", metadata: ["error": "\(error)"]) }
            }
            try? await Task.sleep(for: configuration.idleDelay)
        }
    }

    /// One round: fan out new events, then send what is due. Returns the deliveries attempted.
    @discardableResult
    public func runOnce() async throws -> Int {
        let now = clock.now
        while try await repository.fanOutWebhookEvents(limit: configuration.batch, at: now) == configuration.batch {}
        let due = try await repository.claimDueDeliveries(at: now, limit: configuration.batch, leaseUntil: now.addingTimeInterval(configuration.lease))
        guard !due.isEmpty else { return 0 }
        let byEndpoint = Dictionary(grouping: due, by: \.endpoint.id)
        await withTaskGroup(of: Void.self) { group in
            for (_, deliveries) in byEndpoint {
                group.addTask {
                    for item in deliveries.sorted(by: { $0.delivery.id < $1.delivery.id }) { await send(item) }
                }
            }
        }
        return due.count
    }

    /// Deletes finished deliveries and their events older than ``Configuration/logRetention``,
    /// a batch per transaction so other writers get their turn. Returns the rows deleted.
    @discardableResult
    public func pruneLog() async throws -> Int {
        guard let retention = configuration.logRetention else { return 0 }
        let before = clock.now.addingTimeInterval(-retention)
        let deleted = try await repository.pruneWebhookLog(before: before, batch: configuration.batch * 5)
        metrics.prunedRows(deleted)
        if deleted > 0 { logger.info("pruned the webhook log", metadata: ["rows": "\(deleted)", "before": "\(before)"]) }
        return deleted
    }

    func send(_ item: DueDelivery) async {
        let started = ContinuousClock.now
        var statusCode: Int?
        var failure: String?
        do {
            let body = try await WebhookPayloadBuilder(repository: repository).body(for: item.event)
            let timestamp = Int(configuration.signingClock.now.timeIntervalSince1970)
            let headers = [
                (WebhookSignature.header, WebhookSignature.headerValue(secret: item.endpoint.secret, timestamp: timestamp, body: body)),
                ("Trendline-Event-Id", item.event.publicID),
                ("Trendline-Event-Type", item.event.type.rawValue),
                ("Trendline-Delivery-Attempt", "\(item.delivery.attempts + 1)"),
            ]
            let status = try await poster.post(item.endpoint.url, headers: headers, body: body)
            statusCode = status
            if !(200..<300).contains(status) { failure = "the receiver answered \(status)" }
        } catch {
            failure = "\(error)"
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.wholeMilliseconds)
        let now = clock.now
        let retryAt = failure == nil ? nil : configuration.retry.nextAttempt(after: item.delivery.attempts + 1, eventCreatedAt: item.event.createdAt, now: now)
        let attempt = DeliveryAttempt(statusCode: statusCode, latencyMilliseconds: milliseconds, error: failure, retryAt: retryAt)
        metrics.attempted(failure == nil ? .delivered : retryAt == nil ? .failed : .retried)
        do {
            try await repository.recordDeliveryAttempt(
                attempt, deliveryID: item.delivery.id, at: now, disableFailingSince: now.addingTimeInterval(-configuration.retry.disableAfter))
        } catch {
            // The lease runs out and the delivery is sent again: at least once.
            logger.warning("could not record a webhook attempt", metadata: ["delivery": "\(item.delivery.id)", "error": "\(error)"])
        }
        if let failure {
            logger.info("webhook delivery failed", metadata: [
                "delivery": "\(item.delivery.id)", "endpoint": "\(item.endpoint.id)", "error": "\(failure)",
                "retry_at": "\(retryAt.map { "\($0)" } ?? "never")",
            ])
        }
    }
}
