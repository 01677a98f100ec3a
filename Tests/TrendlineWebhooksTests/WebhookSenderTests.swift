import Foundation
import Prometheus
import Testing
import TrendlineCore
import TrendlineDomain
import TrendlineSQLite
import TrendlineStore
import TrendlineWebhooks
import TrendlineTestSupport

/// The sender against a real receiver on loopback: signatures, order, retries, timeouts, and
/// no event lost across a crash.
@Suite(.serialized)
struct WebhookSenderTests {
    /// Shared for the whole run: an HTTP client must be shut down before it is released.
    static let poster = AsyncHTTPWebhookPoster(timeout: .seconds(5), targets: WebhookTargetPolicy(allowPrivateAddresses: true))
    static let impatientPoster = AsyncHTTPWebhookPoster(timeout: .seconds(1), targets: WebhookTargetPolicy(allowPrivateAddresses: true))
    /// The production default: private addresses refused, also behind a name.
    static let strictPoster = AsyncHTTPWebhookPoster(timeout: .seconds(5), targets: WebhookTargetPolicy())
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date()
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
        var wall: WallClock { WallClock { [self] in now } }
    }

    struct World {
        let store: SQLiteRepository
        let account: Account
        let clock = Clock()
        let path: String

        init() async throws {
            let directory = try ScratchDirectory.make("hooks")
            path = directory.appendingPathComponent("t.sqlite").path
            store = try SQLiteRepository(path: path)
            account = try await store.createAccount(name: "acme", at: Date())
        }

        func hook(_ url: String, events: [String] = ["snapshot.created", "tracking.completed", "video.unavailable"]) async throws -> WebhookEndpoint {
            try await WebhookService(repository: store, clock: clock.wall, targets: WebhookTargetPolicy(allowPrivateAddresses: true))
                .create(accountID: account.id, url: url, events: events, description: nil)
        }

        func track(_ n: Int) async throws -> TrackedVideo {
            let video = VideoURL(platform: .x, externalID: "\(1_000_000 + n)", canonicalURL: "https://x.com/i/status/\(1_000_000 + n)")
            let request = NewTracking(accountID: account.id, video: video, submittedURL: video.canonicalURL, duration: try TrackingDuration(days: 1), cadence: .hourly, notes: nil)
            return try #require(try await store.track([request], at: clock.now)[0].trackedVideo)
        }

        func snapshot(_ item: TrackedVideo, views: Int64) async throws {
            clock.advance(1)
            let snapshot = Snapshot(videoID: item.video.id, takenAt: clock.now, counts: Counts(views: views, likes: 2), provider: "x-api")
            try await store.recordSnapshot(snapshot, metadata: VideoMetadata(title: "clip"), at: clock.now)
        }

        func sender(
            impatient: Bool = false, logRetention: TimeInterval? = 30 * 86_400, metrics: WebhookMetrics = WebhookMetrics(),
            poster: AsyncHTTPWebhookPoster? = nil
        ) -> WebhookSender {
            var configuration = WebhookSender.Configuration()
            configuration.lease = 60
            configuration.logRetention = logRetention
            return WebhookSender(
                repository: store, poster: poster ?? (impatient ? WebhookSenderTests.impatientPoster : WebhookSenderTests.poster), clock: clock.wall,
                configuration: configuration, metrics: metrics)
        }
    }

    /// A snapshot's event says how many views the video gained in the day up to it, as the API
    /// shows it: a receiver can act on fast growth without reading the history.
    @Test func aSnapshotEventCarriesTheDaysGain() async throws {
        let world = try await World()
        let receiver = Receiver()
        try await receiver.run { url in
            _ = try await world.hook(url)
            let item = try await world.track(1)
            try await world.snapshot(item, views: 100)
            world.clock.advance(86_400)
            try await world.snapshot(item, views: 350)
            _ = try await world.sender().runOnce()
            let gains = receiver.received.filter { $0.json["type"] as? String == "snapshot.created" }
                .map { (($0.json["data"] as? [String: Any])?["snapshot"] as? [String: Any])?["views_gained_24h"] }
            #expect(gains.count == 2 && gains[0] is NSNull && gains[1] as? Int == 250, "\(gains)")
        }
    }

    @Test func eventsArriveSignedInOrderPerVideoWithTheirData() async throws {
        let world = try await World()
        let receiver = Receiver()
        try await receiver.run { url in
            let hook = try await world.hook(url)
            let first = try await world.track(1)
            let second = try await world.track(2)
            for views in [10, 20, 30] as [Int64] {
                try await world.snapshot(first, views: views)
                try await world.snapshot(second, views: views * 100)
            }
            #expect(try await world.sender().runOnce() == 6)
            let got = receiver.received
            #expect(got.count == 6)
            for item in got {
                let signature = try #require(item.headers["trendline-signature"])
                #expect(WebhookSignature.verify(header: signature, secret: hook.secret, body: item.body, now: world.clock.now))
                #expect(!WebhookSignature.verify(header: signature, secret: "whsec_wrong", body: item.body, now: world.clock.now))
                #expect(item.headers["trendline-event-type"] == "snapshot.created")
                #expect(item.json["id"] as? String == item.headers["trendline-event-id"])
            }
            let views = { (id: UUID) in
                got.map(\.json).filter { ($0["data"] as? [String: Any])?["video_id"] as? String == id.uuidString.lowercased() }
                    .compactMap { (($0["data"] as? [String: Any])?["snapshot"] as? [String: Any])?["views"] as? Int }
            }
            #expect(views(first.tracking.id) == [10, 20, 30], "in order per video")
            #expect(views(second.tracking.id) == [1000, 2000, 3000])
            let data = try #require(got[0].json["data"] as? [String: Any])
            #expect(data["platform"] as? String == "x")
            #expect(data["title"] as? String == "clip")
            #expect(Set(got.compactMap { $0.json["id"] as? String }).count == 6, "every event has its own stable id")
            #expect(try await world.sender().runOnce() == 0, "nothing is sent twice")
        }
    }

    /// The running sender deletes deliveries older than the retention period with their events,
    /// so the outbox does not grow with every snapshot forever; `nil` keeps them.
    @Test func theRunningSenderPrunesTheLogPastItsRetention() async throws {
        let world = try await World()
        let receiver = Receiver()
        try await receiver.run { url in
            let hook = try await world.hook(url)
            let item = try await world.track(1)
            try await world.snapshot(item, views: 10)
            try await world.snapshot(item, views: 20)
            #expect(try await world.sender().runOnce() == 2)
            world.clock.advance(29 * 86_400)
            try await world.snapshot(item, views: 30)
            #expect(try await world.sender().runOnce() == 1)
            world.clock.advance(2 * 86_400)
            #expect(try await world.sender(logRetention: nil).pruneLog() == 0)
            #expect(try await world.store.deliveries(endpointID: hook.id, accountID: world.account.id, limit: 10).count == 3, "kept without a retention")

            let running = Task { try await world.sender().run() }
            var left = 3
            for _ in 0..<100 where left > 1 {
                try await Task.sleep(for: .milliseconds(50))
                left = try await world.store.deliveries(endpointID: hook.id, accountID: world.account.id, limit: 10).count
            }
            running.cancel()
            _ = try? await running.value
            let kept = try await world.store.deliveries(endpointID: hook.id, accountID: world.account.id, limit: 10)
            #expect(kept.count == 1, "the two deliveries older than 30 days are gone")
            #expect(kept.first?.status == .delivered && receiver.received.count == 3)
        }
    }

    /// With the log kept forever (`TRENDLINE_WEBHOOK_LOG_DAYS=0`) there is nothing to prune,
    /// and the running sender still sends: the pruner's ending at once must not end the sending.
    @Test func theRunningSenderSendsWhenTheLogIsKeptForever() async throws {
        let world = try await World()
        let receiver = Receiver()
        try await receiver.run { url in
            _ = try await world.hook(url)
            let item = try await world.track(1)
            let running = Task { try await world.sender(logRetention: nil).run() }
            try await Task.sleep(for: .milliseconds(300))
            try await world.snapshot(item, views: 10)
            for _ in 0..<100 where receiver.received.isEmpty {
                try await Task.sleep(for: .milliseconds(50))
            }
            running.cancel()
            _ = try? await running.value
            #expect(receiver.received.count == 1, "a snapshot made after the sender started is delivered")
        }
    }

    /// The demo's sender runs on a clock 120 times faster than real time; its signatures must
    /// still pass a receiver's replay check, which compares `t` with the receiver's own clock.
    @Test func signaturesCarryRealTimeWhenTheSendersClockRunsFast() async throws {
        let world = try await World()
        let receiver = Receiver()
        try await receiver.run { url in
            let hook = try await world.hook(url)
            let item = try await world.track(1)
            world.clock.advance(30 * 86_400)
            try await world.snapshot(item, views: 10)
            #expect(try await world.sender().runOnce() == 1)
            let signature = try #require(receiver.received.first?.headers["trendline-signature"])
            let body = try #require(receiver.received.first?.body)
            #expect(WebhookSignature.verify(header: signature, secret: hook.secret, body: body, now: Date()), "\(signature)")
            #expect(!WebhookSignature.verify(header: signature, secret: hook.secret, body: body, now: world.clock.now), "not the sender's clock")
        }
    }

    @Test func milestoneAndDiscoveryEventsArriveWithWhatTheyAreAbout() async throws {
        let world = try await World()
        let receiver = Receiver()
        try await receiver.run { url in
            _ = try await world.hook(url, events: ["milestone.reached", "video.discovered"])
            let now = world.clock.now
            let followed = Creator(
                id: UUID(), accountID: world.account.id, handle: CreatorHandle(platform: .tiktok, username: "dancer"), mode: .auto,
                discoveryInterval: 6 * 3600, notes: nil, nextCheckAt: now, createdAt: now, updatedAt: now)
            _ = try await world.store.createCreator(followed, maxCreators: nil)
            let found = VideoURL(platform: .tiktok, externalID: "7300000000000000001", canonicalURL: "https://www.tiktok.com/@dancer/video/7300000000000000001")
            var discovered = NewTracking.hourly(found, for: world.account.id)
            discovered.reviewStatus = .autoTracked
            discovered.creatorID = followed.id
            discovered.campaign = "Dance week"
            let discoveredItem = try #require(try await world.store.track([discovered], at: now)[0].trackedVideo)
            let watched = VideoURL(platform: .x, externalID: "1900000000000000001", canonicalURL: "https://x.com/i/status/1900000000000000001")
            var milestoned = NewTracking.hourly(watched, for: world.account.id)
            milestoned.milestones = [100, 10_000]
            let watchedItem = try #require(try await world.store.track([milestoned], at: now)[0].trackedVideo)
            try await world.snapshot(watchedItem, views: 50)
            try await world.snapshot(watchedItem, views: 150)

            #expect(try await world.sender().runOnce() == 2)
            let byType = Dictionary(uniqueKeysWithValues: receiver.received.map { ($0.headers["trendline-event-type"] ?? "?", $0.json) })
            let discoveredData = try #require(byType["video.discovered"]?["data"] as? [String: Any])
            #expect(discoveredData["video_id"] as? String == discoveredItem.tracking.id.uuidString.lowercased())
            #expect(discoveredData["creator_id"] as? String == followed.id.uuidString.lowercased())
            let creator = try #require(discoveredData["creator"] as? [String: Any])
            #expect(creator["username"] as? String == "dancer" && creator["platform"] as? String == "tiktok" && creator["mode"] as? String == "auto")
            #expect(discoveredData["tracking_status"] as? String == "auto_tracked")
            #expect(discoveredData["canonical_url"] as? String == found.canonicalURL)
            #expect(discoveredData["campaign"] as? String == "Dance week", "events say which campaign the video is in")

            let milestoneData = try #require(byType["milestone.reached"]?["data"] as? [String: Any])
            #expect(milestoneData["video_id"] as? String == watchedItem.tracking.id.uuidString.lowercased())
            #expect(milestoneData["milestone"] as? Int == 100, "the threshold crossed, not the next one")
            #expect(milestoneData["campaign"] is NSNull, "null outside any campaign")
            let snapshot = try #require(milestoneData["snapshot"] as? [String: Any])
            #expect(snapshot["views"] as? Int == 150, "the snapshot that crossed it")
            #expect(snapshot["taken_at"] as? String == TimestampText.string(world.clock.now))
        }
    }

    @Test func a500IsRetriedWithBackoffUntilItSucceeds() async throws {
        let world = try await World()
        let receiver = Receiver()
        receiver.script([500, 503])
        try await receiver.run { url in
            let hook = try await world.hook(url)
            try await world.snapshot(try await world.track(1), views: 1)
            let sender = world.sender()
            #expect(try await sender.runOnce() == 1)
            #expect(try await sender.runOnce() == 0, "not due before its backoff")
            world.clock.advance(31)
            #expect(try await sender.runOnce() == 1)
            world.clock.advance(31)
            #expect(try await sender.runOnce() == 0, "the second wait is twice as long")
            world.clock.advance(31)
            #expect(try await sender.runOnce() == 1)
            let log = try await world.store.deliveries(endpointID: hook.id, accountID: world.account.id, limit: 10)
            #expect(log.first?.status == .delivered)
            #expect(log.first?.attempts == 3)
            #expect(log.first?.lastStatusCode == 200)
            let ids = Set(receiver.received.compactMap { $0.json["id"] as? String })
            #expect(receiver.received.count == 3 && ids.count == 1, "the same event id on every attempt")
            #expect(receiver.received.map { $0.headers["trendline-delivery-attempt"] } == ["1", "2", "3"])
        }
    }

    /// `/metrics` counts every attempt by how it ended, and what the retention pruned.
    @Test func attemptsAndPrunedRowsAreCounted() async throws {
        let world = try await World()
        let receiver = Receiver()
        receiver.script([500])
        try await receiver.run { url in
            _ = try await world.hook(url)
            try await world.snapshot(try await world.track(1), views: 1)
            let registry = PrometheusCollectorRegistry()
            let sender = world.sender(metrics: WebhookMetrics(factory: PrometheusMetricsFactory(registry: registry)))
            #expect(try await sender.runOnce() == 1)
            world.clock.advance(31)
            #expect(try await sender.runOnce() == 1)
            var page = registry.emitToString()
            #expect(page.contains(#"trendline_webhook_deliveries{outcome="retried"} 1"#) && page.contains(#"trendline_webhook_deliveries{outcome="delivered"} 1"#), "\(page)")
            #expect(!page.contains(#"outcome="failed""#), "no zero counters")
            world.clock.advance(31 * 86_400)
            #expect(try await sender.pruneLog() == 2, "the delivery and its event")
            page = registry.emitToString()
            #expect(page.contains("trendline_webhook_log_pruned 2"), "\(page)")
        }
    }

    /// A receiver whose name resolves to a private address is not posted to unless the operator
    /// allows private addresses: `localhost` passes no text check, but a public-looking name can
    /// resolve to this machine just the same, so the poster resolves it before each delivery.
    @Test func aReceiverThatResolvesToAPrivateAddressIsRefused() async throws {
        let world = try await World()
        let receiver = Receiver()
        try await receiver.run { url in
            let named = url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
            let hook = try await world.hook(named)
            try await world.snapshot(try await world.track(1), views: 1)
            #expect(try await world.sender(poster: WebhookSenderTests.strictPoster).runOnce() == 1)
            #expect(receiver.received.isEmpty, "nothing reached the private address")
            let log = try await world.store.deliveries(endpointID: hook.id, accountID: world.account.id, limit: 10)
            #expect(log.first?.status == .pending && log.first?.lastStatusCode == nil)
            let error = try #require(log.first?.lastError)
            #expect(error.contains("'localhost' resolves to") && error.contains("only public addresses can receive webhooks here"), "\(error)")
            world.clock.advance(60)
            #expect(try await world.sender().runOnce() == 1, "where private addresses are allowed, the retry is delivered")
            #expect(receiver.received.count == 1)
        }
    }

    @Test func resolvedAddressesAreJudgedAsTheSavedURLsAre() {
        for address in ["127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                        "fe80::1%eth0", "FD00::1", "::ffff:10.0.0.1"] {
            #expect(WebhookTargetPolicy.privateAddressReason(address) != nil, "\(address)")
        }
        for address in ["8.8.8.8", "172.32.0.1", "2606:4700::1111", "100.128.0.1"] {
            #expect(WebhookTargetPolicy.privateAddressReason(address) == nil, "\(address)")
        }
    }

    @Test func aTimeoutIsAFailedAttempt() async throws {
        let world = try await World()
        let receiver = Receiver()
        receiver.delay(.seconds(3))
        try await receiver.run { url in
            let hook = try await world.hook(url)
            try await world.snapshot(try await world.track(1), views: 1)
            #expect(try await world.sender(impatient: true).runOnce() == 1)
            let log = try await world.store.deliveries(endpointID: hook.id, accountID: world.account.id, limit: 10)
            #expect(log.first?.status == .pending)
            #expect(log.first?.attempts == 1)
            #expect(log.first?.lastStatusCode == nil)
            #expect(log.first?.lastError != nil)
            #expect(try await world.store.webhook(id: hook.id, accountID: world.account.id)?.failingSince != nil)
        }
    }

    @Test func nothingCommittedIsLostWhenTheSenderDies() async throws {
        let world = try await World()
        let receiver = Receiver()
        try await receiver.run { url in
            _ = try await world.hook(url)
            let item = try await world.track(1)
            try await world.snapshot(item, views: 1)
            // A sender claimed the delivery and died before posting it.
            world.clock.advance(1)
            _ = try await world.store.fanOutWebhookEvents(limit: 10, at: world.clock.now)
            #expect(try await world.store.claimDueDeliveries(at: world.clock.now, limit: 10, leaseUntil: world.clock.now.addingTimeInterval(60)).count == 1)
            // Another event committed but never fanned out when the process was killed.
            try await world.snapshot(item, views: 2)
            // A new process on the same database: the unsent event goes at once, the leased one
            // when its lease expires.
            let restarted = try SQLiteRepository(path: world.path)
            var configuration = WebhookSender.Configuration()
            configuration.lease = 60
            let sender = WebhookSender(repository: restarted, poster: Self.poster, clock: world.clock.wall, configuration: configuration)
            #expect(try await sender.runOnce() == 1)
            world.clock.advance(61)
            #expect(try await sender.runOnce() == 1)
            let views = receiver.received.compactMap { (($0.json["data"] as? [String: Any])?["snapshot"] as? [String: Any])?["views"] as? Int }
            #expect(views.sorted() == [1, 2])
        }
    }

    @Test func disabledEndpointsGetNothingNew() async throws {
        let world = try await World()
        let receiver = Receiver()
        try await receiver.run { url in
            let hook = try await world.hook(url)
            _ = try await world.store.updateWebhook(id: hook.id, accountID: world.account.id, change: WebhookChange(enabled: false), at: world.clock.now)
            try await world.snapshot(try await world.track(1), views: 1)
            #expect(try await world.sender().runOnce() == 0)
            #expect(receiver.received.isEmpty)
        }
    }
}
