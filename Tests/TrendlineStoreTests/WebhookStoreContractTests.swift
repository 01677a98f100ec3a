import Foundation
import Testing
import TrendlineDomain
import TrendlineStore

/// The outbox, fan-out, leases and delivery bookkeeping, on every backend.
struct WebhookStoreContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000.123)

    func endpoint(_ account: Account, events: [WebhookEventType] = WebhookEventType.subscribable, url: String = "https://hooks.example.com/a") -> WebhookEndpoint {
        WebhookEndpoint(id: UUID(), accountID: account.id, url: url, description: "d", events: events, secret: "whsec_x", createdAt: Self.t0, updatedAt: Self.t0)
    }

    func track(_ store: any TrendlineRepository, _ account: Account, id: String = "1", days: Int = 1) async throws -> TrackedVideo {
        let video = VideoURL(platform: .youtube, externalID: "vid\(id)xxxxx".prefix(11).description, canonicalURL: "https://youtu.be/\(id)")
        let request = NewTracking(accountID: account.id, video: video, submittedURL: video.canonicalURL, duration: try TrackingDuration(days: days), cadence: .hourly, notes: nil)
        return try #require(try await store.track([request], at: Self.t0)[0].trackedVideo)
    }

    func snapshot(_ item: TrackedVideo, _ at: Date) -> Snapshot {
        Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: 5, likes: 1), provider: "t")
    }

    /// A new store with an account, its `snapshot.created` endpoints at `urls` and one tracked video.
    func hooked(
        _ backend: StoreBackend, urls: [String] = ["https://hooks.example.com/a"]
    ) async throws -> (store: any TrendlineRepository, account: Account, hooks: [WebhookEndpoint], item: TrackedVideo) {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "hooked", at: Self.t0)
        let hooks = urls.map { endpoint(account, events: [.snapshotCreated], url: $0) }
        for hook in hooks { try await store.createWebhook(hook) }
        return (store, account, hooks, try await track(store, account))
    }

    @Test(arguments: StoreBackend.all)
    func eventsAreWrittenWithTheChangeOnlyForAccountsWithWebhooksAndFannedOutBySubscription(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let hooked = try await store.createAccount(name: "hooked", at: Self.t0)
        let quiet = try await store.createAccount(name: "quiet", at: Self.t0)
        let all = endpoint(hooked)
        let completions = endpoint(hooked, events: [.trackingCompleted], url: "https://hooks.example.com/b")
        try await store.createWebhook(all)
        try await store.createWebhook(completions)
        let item = try await track(store, hooked)
        _ = try await track(store, quiet)
        try await store.recordSnapshot(snapshot(item, Self.t0), metadata: .init(), at: Self.t0)
        try await store.recordSnapshot(snapshot(item, Self.t0), metadata: .init(), at: Self.t0)  // a duplicate: no event
        let end = item.tracking.window.end
        try await store.recordSnapshot(snapshot(item, end), metadata: .init(), at: end)
        #expect(try await store.fanOutWebhookEvents(limit: 100, at: end) == 3, "two snapshots and one completion, nothing for the quiet account")
        #expect(try await store.fanOutWebhookEvents(limit: 100, at: end) == 0)
        let due = try await store.claimDueDeliveries(at: end, limit: 100, leaseUntil: end.addingTimeInterval(60))
        #expect(due.filter { $0.endpoint.id == all.id }.map(\.event.type) == [.snapshotCreated, .snapshotCreated, .trackingCompleted])
        #expect(due.filter { $0.endpoint.id == completions.id }.map(\.event.type) == [.trackingCompleted])
        #expect(due.allSatisfy { $0.event.trackingID == item.tracking.id && $0.event.accountID == hooked.id })
        #expect(due.first?.event.takenAt == Self.t0.truncatedToMilliseconds)
        #expect(try await store.claimDueDeliveries(at: end, limit: 100, leaseUntil: end.addingTimeInterval(60)).isEmpty, "leased")
        #expect(try await store.claimDueDeliveries(at: end.addingTimeInterval(61), limit: 100, leaseUntil: end.addingTimeInterval(120)).count == 4,
                "an expired lease (a crashed sender) makes them due again")
    }

    @Test(arguments: StoreBackend.all)
    func aBatchWritesItsEventsInTheOrderOfItsRecords(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let hooked = try await store.createAccount(name: "hooked", at: Self.t0)
        try await store.createWebhook(endpoint(hooked))
        let first = try await track(store, hooked, id: "1")
        let second = try await track(store, hooked, id: "2")
        let end = first.tracking.window.end
        // The second video's snapshot comes first; the first's closes its window.
        let records = [SnapshotRecord(snapshot: snapshot(second, Self.t0), metadata: .init()), SnapshotRecord(snapshot: snapshot(first, end), metadata: .init())]
        #expect(try await store.recordSnapshots(records, at: end) == [true, true])
        #expect(try await store.fanOutWebhookEvents(limit: 100, at: end) == 4)
        let due = try await store.claimDueDeliveries(at: end, limit: 100, leaseUntil: end.addingTimeInterval(60))
        #expect(due.map(\.event.type) == [.snapshotCreated, .trackingCompleted, .snapshotCreated, .trackingCompleted])
        #expect(due.map(\.event.trackingID) == [second.tracking.id, second.tracking.id, first.tracking.id, first.tracking.id])
    }

    @Test(arguments: StoreBackend.all)
    func aTrackingWaitingForReviewNeitherCompletesNorAnnouncesAtItsWindowEnd(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let hooked = try await store.createAccount(name: "hooked", at: Self.t0)
        try await store.createWebhook(endpoint(hooked))
        let video = VideoURL(platform: .youtube, externalID: "pendingxxxx", canonicalURL: "https://youtu.be/pendingxxxx")
        var request = NewTracking(accountID: hooked.id, video: video, submittedURL: video.canonicalURL, duration: try TrackingDuration(days: 1), cadence: .hourly, notes: nil)
        request.reviewStatus = .pendingReview
        let item = try #require(try await store.track([request], at: Self.t0)[0].trackedVideo)
        let end = item.tracking.window.end.addingTimeInterval(1)
        try await store.recordSnapshot(snapshot(item, end), metadata: .init(), at: end)
        #expect(try await store.trackedVideo(id: item.tracking.id, accountID: hooked.id)?.tracking.status == .paused, "it waits in the inbox")
        #expect(try await store.fanOutWebhookEvents(limit: 100, at: end) == 0, "no snapshot it can see, no completion")
    }

    @Test(arguments: StoreBackend.all)
    func unavailabilityIsAnEvent(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        try await store.createWebhook(endpoint(account, events: [.videoUnavailable]))
        let item = try await track(store, account)
        try await store.reportUnavailable(videoID: item.video.id, reason: "private", recheckAt: Self.t0, at: Self.t0)
        #expect(try await store.fanOutWebhookEvents(limit: 10, at: Self.t0) == 0, "one report is not confirmed")
        try await store.reportUnavailable(videoID: item.video.id, reason: "private", recheckAt: Self.t0, at: Self.t0)
        #expect(try await store.fanOutWebhookEvents(limit: 10, at: Self.t0) == 1)
        #expect(try await store.claimDueDeliveries(at: Self.t0, limit: 10, leaseUntil: Self.t0.addingTimeInterval(60)).map(\.event.type) == [.videoUnavailable])
    }

    @Test(arguments: StoreBackend.all)
    func attemptsRetryFailAndDisableAFailingEndpoint(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let hook = endpoint(account)
        try await store.createWebhook(hook)
        let test = try #require(try await store.enqueueTestEvent(endpointID: hook.id, accountID: account.id, at: Self.t0))
        #expect(test.status == .pending && test.eventType == .webhookTest)
        #expect(try await store.enqueueTestEvent(endpointID: hook.id, accountID: UUID(), at: Self.t0) == nil, "another account's endpoint")
        var due = try await store.claimDueDeliveries(at: Self.t0, limit: 10, leaseUntil: Self.t0.addingTimeInterval(60))
        #expect(due.count == 1)
        let retryAt = Self.t0.addingTimeInterval(30)
        try await store.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 500, latencyMilliseconds: 12, error: "the receiver answered 500", retryAt: retryAt),
            deliveryID: test.id, at: Self.t0, disableFailingSince: Self.t0.addingTimeInterval(-3 * 86_400))
        var log = try await store.deliveries(endpointID: hook.id, accountID: account.id, limit: 10)
        #expect(log.first?.attempts == 1)
        #expect(log.first?.status == .pending)
        #expect(log.first?.lastStatusCode == 500)
        #expect(log.first?.nextAttemptAt == retryAt.truncatedToMilliseconds)
        #expect(try await store.claimDueDeliveries(at: Self.t0.addingTimeInterval(10), limit: 10, leaseUntil: Self.t0.addingTimeInterval(70)).isEmpty)
        due = try await store.claimDueDeliveries(at: retryAt, limit: 10, leaseUntil: retryAt.addingTimeInterval(60))
        #expect(due.count == 1)
        #expect(try await store.webhook(id: hook.id, accountID: account.id)?.failingSince == Self.t0.truncatedToMilliseconds)

        // Three days of failures later, the endpoint is disabled and says why.
        let later = Self.t0.addingTimeInterval(3 * 86_400 + 1)
        try await store.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: nil, latencyMilliseconds: 10_000, error: "timed out", retryAt: nil),
            deliveryID: test.id, at: later, disableFailingSince: later.addingTimeInterval(-3 * 86_400))
        let disabled = try #require(try await store.webhook(id: hook.id, accountID: account.id))
        #expect(!disabled.enabled)
        #expect(disabled.disabledReason?.contains("timed out") == true)
        log = try await store.deliveries(endpointID: hook.id, accountID: account.id, limit: 10)
        #expect(log.first?.status == .failed)

        // Redelivery makes it pending again; re-enabling clears the failure.
        let again = try #require(try await store.redeliver(deliveryID: test.id, accountID: account.id, at: later))
        #expect(again.status == .pending)
        #expect(try await store.redeliver(deliveryID: test.id, accountID: UUID(), at: later) == nil)
        let enabled = try #require(try await store.updateWebhook(id: hook.id, accountID: account.id, change: WebhookChange(enabled: true), at: later))
        #expect(enabled.enabled && enabled.disabledReason == nil && enabled.failingSince == nil)
        try await store.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 204, latencyMilliseconds: 3, error: nil, retryAt: nil),
            deliveryID: test.id, at: later, disableFailingSince: later.addingTimeInterval(-3 * 86_400))
        log = try await store.deliveries(endpointID: hook.id, accountID: account.id, limit: 10)
        #expect(log.first?.status == .delivered)
        #expect(log.first?.deliveredAt == later.truncatedToMilliseconds)
    }

    @Test(arguments: StoreBackend.all)
    func endpointsBelongToTheirAccount(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let other = try await store.createAccount(name: "b", at: Self.t0)
        let hook = endpoint(account)
        try await store.createWebhook(hook)
        #expect(try await store.webhooks(accountID: account.id) == [hook])
        #expect(try await store.webhooks(accountID: other.id).isEmpty)
        #expect(try await store.webhook(id: hook.id, accountID: other.id) == nil)
        #expect(try await store.updateWebhook(id: hook.id, accountID: other.id, change: WebhookChange(enabled: false), at: Self.t0) == nil)
        let changed = try await store.updateWebhook(
            id: hook.id, accountID: account.id, change: WebhookChange(description: .some(nil), events: [.snapshotCreated]), at: Self.t0)
        #expect(changed?.events == [.snapshotCreated])
        #expect(changed?.description == nil)
        #expect(try await store.deleteWebhook(id: hook.id, accountID: other.id) == false)
        #expect(try await store.deleteWebhook(id: hook.id, accountID: account.id))
        #expect(try await store.webhooks(accountID: account.id).isEmpty)
    }
}

extension WebhookStoreContractTests {
    /// Finished deliveries and their events go after the retention period, a batch at a time;
    /// pending deliveries, their events and everything newer stay.
    @Test(arguments: StoreBackend.all)
    func pruningTheLogDeletesFinishedDeliveriesAndTheirEventsOnly(_ backend: StoreBackend) async throws {
        let (store, hooked, hooks, item) = try await hooked(backend)
        let hook = hooks[0]
        let twoHours = Self.t0.addingTimeInterval(7_200)
        for hour in 0..<3 {
            let at = Self.t0.addingTimeInterval(Double(hour) * 3_600)
            try await store.recordSnapshot(snapshot(item, at), metadata: .init(), at: at)
        }
        #expect(try await store.fanOutWebhookEvents(limit: 100, at: twoHours) == 3)
        let due = try await store.claimDueDeliveries(at: twoHours, limit: 100, leaseUntil: twoHours.addingTimeInterval(60))
        #expect(due.count == 3)
        let never = twoHours.addingTimeInterval(-86_400)
        try await store.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 200, latencyMilliseconds: 5, error: nil, retryAt: nil), deliveryID: due[0].delivery.id, at: twoHours, disableFailingSince: never)
        try await store.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 500, latencyMilliseconds: 5, error: "HTTP 500", retryAt: nil), deliveryID: due[1].delivery.id, at: twoHours, disableFailingSince: never)
        try await store.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 500, latencyMilliseconds: 5, error: "HTTP 500", retryAt: twoHours.addingTimeInterval(30)), deliveryID: due[2].delivery.id,
            at: twoHours, disableFailingSince: never)
        // At the window's end: a snapshot (delivered) and a completion no endpoint takes.
        let end = item.tracking.window.end
        try await store.recordSnapshot(snapshot(item, end), metadata: .init(), at: end)
        #expect(try await store.fanOutWebhookEvents(limit: 100, at: end) == 2)
        let last = try #require(try await store.claimDueDeliveries(at: end, limit: 100, leaseUntil: end.addingTimeInterval(60)).first { $0.event.takenAt == end })
        try await store.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 204, latencyMilliseconds: 5, error: nil, retryAt: nil), deliveryID: last.delivery.id, at: end, disableFailingSince: never)

        let afterFirstRound = twoHours.addingTimeInterval(3_600)
        #expect(try await store.pruneWebhookLog(before: afterFirstRound, batch: 1) == 4, "two deliveries, then their events, one per transaction")
        #expect(try await store.pruneWebhookLog(before: afterFirstRound, batch: 100) == 0, "the pending delivery and its event stay")
        #expect(try await store.deliveries(endpointID: hook.id, accountID: hooked.id, limit: 10).map(\.id) == [last.delivery.id, due[2].delivery.id])

        #expect(try await store.pruneWebhookLog(before: end.addingTimeInterval(1), batch: 100) == 3, "the last delivery, its event and the completion")
        #expect(try await store.deliveries(endpointID: hook.id, accountID: hooked.id, limit: 10).map(\.id) == [due[2].delivery.id])
        let retry = try await store.claimDueDeliveries(at: end.addingTimeInterval(60), limit: 100, leaseUntil: end.addingTimeInterval(120))
        #expect(retry.map(\.delivery.id) == [due[2].delivery.id] && retry.first?.event.takenAt == Self.t0.addingTimeInterval(7_200).truncatedToMilliseconds,
                "the pending delivery is still sent, with its event")
    }
}

extension WebhookStoreContractTests {
    /// A disabled endpoint (by its owner or after failing for days) is sent nothing, its pending
    /// deliveries included; enabled again, they are due at once.
    @Test(arguments: StoreBackend.all)
    func pendingDeliveriesWaitWhileTheirEndpointIsDisabled(_ backend: StoreBackend) async throws {
        let (store, hooked, hooks, item) = try await hooked(backend, urls: ["https://hooks.example.com/a", "https://hooks.example.com/other"])
        let (hook, other) = (hooks[0], hooks[1])
        try await store.recordSnapshot(snapshot(item, Self.t0), metadata: .init(), at: Self.t0)
        #expect(try await store.fanOutWebhookEvents(limit: 100, at: Self.t0) == 1)
        let first = try await store.claimDueDeliveries(at: Self.t0, limit: 100, leaseUntil: Self.t0.addingTimeInterval(60))
        let mine = try #require(first.first { $0.endpoint.id == hook.id })
        let never = Self.t0.addingTimeInterval(-86_400)
        try await store.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 503, latencyMilliseconds: 5, error: "HTTP 503", retryAt: Self.t0.addingTimeInterval(30)), deliveryID: mine.delivery.id,
            at: Self.t0, disableFailingSince: never)

        let off = Self.t0.addingTimeInterval(10)
        _ = try await store.updateWebhook(id: hook.id, accountID: hooked.id, change: WebhookChange(enabled: false), at: off)
        let parked = try #require(try await store.deliveries(endpointID: hook.id, accountID: hooked.id, limit: 10).first)
        #expect(parked.status == .pending && parked.nextAttemptAt == nil, "parked: no next attempt while disabled")
        let later = Self.t0.addingTimeInterval(3_600)
        #expect(try await store.claimDueDeliveries(at: later, limit: 100, leaseUntil: later.addingTimeInterval(60)).map(\.endpoint.id) == [other.id],
                "the other endpoint's lease ran out and it is due again; the disabled one's is not")
        _ = try await store.redeliver(deliveryID: mine.delivery.id, accountID: hooked.id, at: later)
        #expect(try await store.claimDueDeliveries(at: later.addingTimeInterval(61), limit: 100, leaseUntil: later.addingTimeInterval(120)).map(\.endpoint.id) == [other.id],
                "a redelivery asked of a disabled endpoint waits too")

        // A second pending delivery, parked by the disable and never asked for again.
        let test = try #require(try await store.enqueueTestEvent(endpointID: hook.id, accountID: hooked.id, at: later))
        _ = try await store.updateWebhook(id: hook.id, accountID: hooked.id, change: WebhookChange(enabled: true), at: later)
        _ = try await store.updateWebhook(id: hook.id, accountID: hooked.id, change: WebhookChange(enabled: false), at: later)
        #expect(try await store.deliveries(endpointID: hook.id, accountID: hooked.id, limit: 10).allSatisfy { $0.nextAttemptAt == nil }, "both parked")
        let on = later.addingTimeInterval(600)
        _ = try await store.updateWebhook(id: hook.id, accountID: hooked.id, change: WebhookChange(enabled: true), at: on)
        #expect(try await store.deliveries(endpointID: hook.id, accountID: hooked.id, limit: 10).first { $0.id == test.id }?.nextAttemptAt == on.truncatedToMilliseconds,
                "resumed: due when enabled")
        let resumed = try await store.claimDueDeliveries(at: on, limit: 100, leaseUntil: on.addingTimeInterval(60))
        #expect(resumed.map(\.delivery.id).contains(mine.delivery.id), "enabled again, it is sent")

        // Disabled for failing: the failing delivery's sibling, pending, is parked as well.
        try await store.recordSnapshot(snapshot(item, on), metadata: .init(), at: on)
        #expect(try await store.fanOutWebhookEvents(limit: 100, at: on) == 1)
        try await store.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 500, latencyMilliseconds: 5, error: "HTTP 500", retryAt: on.addingTimeInterval(30)), deliveryID: mine.delivery.id,
            at: on, disableFailingSince: on)
        #expect(try await store.webhook(id: hook.id, accountID: hooked.id)?.enabled == false)
        #expect(try await store.deliveries(endpointID: hook.id, accountID: hooked.id, limit: 10).allSatisfy { $0.status == .pending && $0.nextAttemptAt == nil })
        let afterDisable = on.addingTimeInterval(3_600)
        #expect(try await store.claimDueDeliveries(at: afterDisable, limit: 100, leaseUntil: afterDisable.addingTimeInterval(60)).allSatisfy { $0.endpoint.id == other.id })
    }
}

extension WebhookStoreContractTests {
    /// After an outage: every failed delivery of one endpoint (since a time) is pending and due
    /// again in one call; delivered ones, other endpoints and other accounts are untouched.
    @Test(arguments: StoreBackend.all)
    func failedDeliveriesOfAnEndpointAreRedeliveredTogether(_ backend: StoreBackend) async throws {
        let (store, hooked, hooks, item) = try await hooked(backend, urls: ["https://hooks.example.com/a", "https://hooks.example.com/other"])
        let (hook, other) = (hooks[0], hooks[1])
        let stranger = try await store.createAccount(name: "stranger", at: Self.t0)
        let never = Self.t0.addingTimeInterval(-86_400)
        // Three rounds an hour apart: each fans out to both endpoints; hook's attempts fail for
        // good but the last, which succeeds; other's all fail for good.
        for hour in 0..<3 {
            let at = Self.t0.addingTimeInterval(Double(hour) * 3_600)
            try await store.recordSnapshot(snapshot(item, at), metadata: .init(), at: at)
            #expect(try await store.fanOutWebhookEvents(limit: 100, at: at) == 1)
            for due in try await store.claimDueDeliveries(at: at, limit: 100, leaseUntil: at.addingTimeInterval(60)) {
                let delivered = due.endpoint.id == hook.id && hour == 2
                try await store.recordDeliveryAttempt(
                    DeliveryAttempt(statusCode: delivered ? 200 : 500, latencyMilliseconds: 5, error: delivered ? nil : "HTTP 500", retryAt: nil),
                    deliveryID: due.delivery.id, at: at, disableFailingSince: never)
            }
        }
        let now = Self.t0.addingTimeInterval(4 * 3_600)
        #expect(try await store.redeliverFailed(endpointID: hook.id, accountID: stranger.id, since: nil, at: now) == 0, "not another account's")
        #expect(try await store.redeliverFailed(endpointID: hook.id, accountID: hooked.id, since: Self.t0.addingTimeInterval(1_800), at: now) == 1,
                "only the failed one made since then")
        #expect(try await store.redeliverFailed(endpointID: hook.id, accountID: hooked.id, since: nil, at: now) == 1, "then the older one")
        let log = try await store.deliveries(endpointID: hook.id, accountID: hooked.id, limit: 10)
        #expect(log.map(\.status) == [.delivered, .pending, .pending], "the delivered one stays delivered")
        #expect(log.filter { $0.status == .pending }.allSatisfy { $0.nextAttemptAt == now.truncatedToMilliseconds && $0.attempts == 1 })
        #expect(try await store.deliveries(endpointID: other.id, accountID: hooked.id, limit: 10).allSatisfy { $0.status == .failed }, "the other endpoint's stay failed")
        let due = try await store.claimDueDeliveries(at: now, limit: 100, leaseUntil: now.addingTimeInterval(60))
        #expect(due.count == 2 && due.allSatisfy { $0.endpoint.id == hook.id })
    }
}
