import Foundation
import TrendlineDomain

/// Webhook endpoints, the event outbox and deliveries. Events are written by the repository in
/// the same transaction as the change they report (``TrendlineRepository/recordSnapshot(_:metadata:at:)``
/// and ``TrendlineRepository/reportUnavailable(videoID:reason:recheckAt:at:)``), and only for
/// accounts with an enabled endpoint; the sender fans them out to endpoints and delivers them.
public protocol WebhookStore: Sendable {
    func createWebhook(_ endpoint: WebhookEndpoint) async throws
    /// The account's endpoints, oldest first.
    func webhooks(accountID: UUID) async throws -> [WebhookEndpoint]
    func webhook(id: UUID, accountID: UUID) async throws -> WebhookEndpoint?
    /// Applies the change; re-enabling clears the failure state. `nil` when not the account's.
    func updateWebhook(id: UUID, accountID: UUID, change: WebhookChange, at date: Date) async throws -> WebhookEndpoint?
    /// Deletes the endpoint and its deliveries; `false` when not the account's.
    func deleteWebhook(id: UUID, accountID: UUID) async throws -> Bool

    /// Writes a `webhook.test` event with a delivery to this endpoint only, due now.
    func enqueueTestEvent(endpointID: UUID, accountID: UUID, at date: Date) async throws -> WebhookDelivery?
    /// Creates the deliveries of up to `limit` new events (one per enabled endpoint of the
    /// account subscribed to the event's type), oldest first; returns how many events it handled.
    func fanOutWebhookEvents(limit: Int, at date: Date) async throws -> Int
    /// Leases up to `limit` pending deliveries that are due, oldest first, until `leaseUntil`.
    func claimDueDeliveries(at date: Date, limit: Int, leaseUntil: Date) async throws -> [DueDelivery]
    /// Records one attempt and clears the lease (see ``DeliveryAttempt``). A failure marks the
    /// endpoint failing (since its first failure); one failing since before `disableFailingSince`
    /// is disabled with the last error as the reason.
    func recordDeliveryAttempt(_ attempt: DeliveryAttempt, deliveryID: Int64, at date: Date, disableFailingSince: Date) async throws
    /// The endpoint's newest deliveries, newest first.
    func deliveries(endpointID: UUID, accountID: UUID, limit: Int) async throws -> [WebhookDelivery]
    /// Makes a delivery pending and due now, whatever its state; `nil` when not the account's.
    func redeliver(deliveryID: Int64, accountID: UUID, at date: Date) async throws -> WebhookDelivery?
    /// Makes every failed delivery of the account's endpoint made at or after `since` (all kept,
    /// without it) pending and due at `date`, so a receiver back from an outage gets what it
    /// missed; returns how many (0 for another account's endpoint).
    func redeliverFailed(endpointID: UUID, accountID: UUID, since: Date?, at date: Date) async throws -> Int
    /// Deletes the finished deliveries (delivered or failed) made before `date`, then the events
    /// written before `date` that are fanned out and have no delivery left, so the outbox does not
    /// grow with every snapshot forever; pending deliveries and their events stay. Works through
    /// the rows in id order, `batch` per transaction so other writers get their turn, and stops
    /// early when the task is cancelled. Returns how many rows went.
    func pruneWebhookLog(before date: Date, batch: Int) async throws -> Int
}

/// A change to an endpoint; `nil` fields stay as they are.
public struct WebhookChange: Sendable {
    public var url: String?
    public var description: String??
    public var events: [WebhookEventType]?
    public var enabled: Bool?

    public init(url: String? = nil, description: String?? = nil, events: [WebhookEventType]? = nil, enabled: Bool? = nil) {
        self.url = url
        self.description = description
        self.events = events
        self.enabled = enabled
    }
}

/// A leased delivery with what is needed to send it.
public struct DueDelivery: Sendable {
    public var delivery: WebhookDelivery
    public var event: WebhookEvent
    public var endpoint: WebhookEndpoint

    public init(delivery: WebhookDelivery, event: WebhookEvent, endpoint: WebhookEndpoint) {
        self.delivery = delivery
        self.event = event
        self.endpoint = endpoint
    }
}

/// How one attempt went.
public struct DeliveryAttempt: Sendable {
    /// The receiver's status code, when it answered.
    public var statusCode: Int?
    public var latencyMilliseconds: Int
    /// `nil` when delivered (a 2xx).
    public var error: String?
    /// For a failure: when to try again, or `nil` to give up.
    public var retryAt: Date?

    public init(statusCode: Int?, latencyMilliseconds: Int, error: String?, retryAt: Date?) {
        self.statusCode = statusCode
        self.latencyMilliseconds = latencyMilliseconds
        self.error = error
        self.retryAt = retryAt
    }

    public var delivered: Bool { error == nil }
}

extension WebhookEventType {
    /// How endpoints store their subscriptions: `,snapshot.created,tracking.completed,` so that a
    /// `LIKE '%,type,%'` finds a type in SQL on both backends.
    public static func storageList(_ types: [WebhookEventType]) -> String {
        "," + types.map(\.rawValue).joined(separator: ",") + ","
    }

    public static func parseStorageList(_ text: String) -> [WebhookEventType] {
        text.split(separator: ",").compactMap { WebhookEventType(rawValue: String($0)) }
    }
}
