import Foundation
import Logging
import PostgresNIO
import Testing
import TrendlineDomain
import TrendlinePostgres
import TrendlineRuntime
import TrendlineSQLite
import TrendlineStore
import TrendlineTestSupport

let testPostgresURL = PostgresTestStore.url

/// `migrate-data`: a SQLite installation arrives whole in PostgreSQL (creators and webhook endpoints
/// included), and a second run adds nothing.
@Suite(.enabled(if: testPostgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: PostgreSQL copy tests skipped"))
struct SQLiteToPostgresCopierTests {
    /// A target on a new schema, left unmigrated: the copier migrates it.
    func postgresStore() async throws -> PostgresRepository {
        try await PostgresTestStore.make(url: testPostgresURL!, schema: ScratchSchemas.newName("m"), migrate: false)
    }

    /// A SQLite store in a directory of its own, and its path.
    static func sourceStore() throws -> (SQLiteRepository, String) {
        let directory = try ScratchDirectory.make("copy")
        let path = directory.appendingPathComponent("source.sqlite").path
        return (try SQLiteRepository(path: path), path)
    }

    @Test func copiesEverythingAndCanBeRerun() async throws {
        let (source, path) = try Self.sourceStore()
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let account = try await source.createAccount(name: "acme", at: t0)
        try await source.insertKey(APIKey(id: UUID(), accountID: account.id, name: "k", prefix: "tl_live_abcd1234", hash: "h", createdAt: t0, readOnly: true))
        _ = try await source.setPlan(accountID: account.id, plan: "pro")
        _ = try await source.addCredit(accountID: account.id, amount: Money(decimal: "100")!, note: "start", at: t0)
        let terms = TrackingTerms(minimumInterval: 3600, pricePerSnapshot: Money(decimal: "0.015")!, estimatedCost: Money(decimal: "2.52")!)
        let requests = try (0..<30).map { index in
            var request = NewTracking(accountID: account.id, video: VideoURL(platform: .tiktok, externalID: "\(7000 + index)", canonicalURL: "https://www.tiktok.com/@a/video/\(7000 + index)"),
                        submittedURL: "u\(index)", duration: try TrackingDuration(days: 7), cadence: .hourly, notes: index == 0 ? "first" : nil,
                        terms: index == 0 ? terms : .free)
            request.campaign = index < 3 ? "Launch" : nil
            return request
        }
        // A followed creator with two checks (follower history, discovered posts), a tracking it
        // discovered, and a webhook endpoint.
        let followed = Creator(
            id: UUID(), accountID: account.id, handle: CreatorHandle(platform: .tiktok, username: "maker"), mode: .selective,
            discoveryInterval: 6 * 3600, notes: "watch", nextCheckAt: t0, createdAt: t0, updatedAt: t0,
            trackingDuration: try TrackingDuration(days: 9), trackingCadence: .daily, campaign: "Makers")
        _ = try await source.createCreator(followed, maxCreators: nil)
        for (index, followers) in [Int64(1_000), 1_250].enumerated() {
            let at = t0.addingTimeInterval(Double(index) * 21_600)
            let profile = CreatorProfile(handle: followed.handle, platformID: "sec", fullName: "Maker", followers: followers, following: 3, postsCount: 9)
            try await source.recordCreatorCheck(
                creatorID: followed.id, profile: profile, sources: CreatorSources(profile: "tiktok-web", videos: "yt-dlp"), seen: ["p\(index)"], discovered: 1, nextCheckAt: at.addingTimeInterval(21_600), at: at)
        }
        var discovered = NewTracking(
            accountID: account.id, video: VideoURL(platform: .tiktok, externalID: "8000", canonicalURL: "https://www.tiktok.com/@maker/video/8000"),
            submittedURL: "https://www.tiktok.com/@maker/video/8000", duration: .default, cadence: .hourly, notes: nil)
        discovered.reviewStatus = .pendingReview
        discovered.creatorID = followed.id
        let endpoint = WebhookEndpoint(
            id: UUID(), accountID: account.id, url: "https://hooks.example.com/t", description: "ops", events: [.snapshotCreated],
            secret: "whsec_copy", createdAt: t0, updatedAt: t0)
        try await source.createWebhook(endpoint)
        let tracked = try await source.track(requests + [discovered], at: t0).compactMap(\.trackedVideo)
        for item in tracked.prefix(10) {
            for hour in 0..<50 {
                let at = t0.addingTimeInterval(Double(hour) * 3600)
                try await source.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: Int64(hour), likes: nil), provider: "t"), metadata: .init(), at: at)
            }
        }

        let target = try await postgresStore()
        let lines = LineCollector()
        let copier = SQLiteToPostgresCopier(sourcePath: path, target: target, batchSize: 64) { lines.add($0) }
        let report = try await copier.copy()
        #expect(report == .init(accounts: 1, keys: 1, webhookEndpoints: 1, creators: 1, videos: 31, trackings: 31, snapshots: 500, webhookEvents: 501))
        #expect(try await count("webhook_events", in: target) == 501, "one event per snapshot, and the discovered video's")
        #expect(lines.all.contains("snapshots: 500"), "progress is reported")

        let copiedAccount = try #require(try await target.account(named: "acme"))
        #expect(copiedAccount.id == account.id)
        #expect(copiedAccount.plan == "pro")
        let sourceAccount = try #require(try await source.account(id: account.id))
        #expect(copiedAccount.balance == sourceAccount.balance)
        #expect(sourceAccount.balance == Money(decimal: "99.25")!, "50 snapshots of the priced tracking at $0.015")
        let copiedLedger = try await target.ledger(accountID: account.id, limit: 100)
        #expect(copiedLedger.count == 51)
        #expect(copiedLedger.reduce(Money.zero) { $0 + $1.amount } == copiedAccount.balance)
        #expect(try await target.key(hash: "h")?.prefix == "tl_live_abcd1234")
        #expect(try await target.key(hash: "h")?.readOnly == true, "a read-only key stays read-only")
        let first = try #require(try await target.trackedVideo(id: tracked[0].tracking.id, accountID: account.id))
        #expect(first.tracking.notes == "first")
        #expect(first.tracking.campaign == "Launch")
        #expect(try await target.campaigns(accountID: account.id).map(\.videos) == [3], "campaigns come along")
        #expect(first.tracking.terms == terms)
        #expect(first.tracking.charged == Money(decimal: "0.75")!)
        #expect(first.video.latest?.views == 49)
        let history = try await target.snapshots(videoID: first.video.id, in: first.tracking.visibleRange, after: nil, limit: 1000)
        #expect(history.count == 50)
        #expect(history.last?.counts.likes == nil, "nulls stay null")

        let copiedCreator = try #require(try await target.creator(id: followed.id, accountID: account.id))
        #expect(copiedCreator.handle == followed.handle && copiedCreator.mode == .selective && copiedCreator.notes == "watch")
        #expect(copiedCreator.profile?.followers == 1_250 && copiedCreator.videosDiscovered == 2)
        #expect(copiedCreator.trackingDuration.days == 9 && copiedCreator.trackingCadence == .daily, "discovered videos' terms come along")
        #expect(copiedCreator.campaign == "Makers")
        #expect(copiedCreator.sources == CreatorSources(profile: "tiktok-web", videos: "yt-dlp"), "which providers answered comes along")
        let sourceHistory = try await source.creatorHistory(creatorID: followed.id, limit: 10)
        let copiedHistory = try await target.creatorHistory(creatorID: followed.id, limit: 10)
        #expect(sourceHistory.count == 2)
        #expect(copiedHistory.map(\.followers) == sourceHistory.map(\.followers), "the follower history comes along")
        #expect(copiedHistory.map(\.takenAt) == sourceHistory.map(\.takenAt))
        #expect(try await target.knownCreatorVideos(creatorID: followed.id, videoIDs: ["p0", "p1", "p2"]) == ["p0", "p1"], "seen posts are not discovered again")
        let discoveredTracking = try #require(tracked.last)
        let copiedDiscovered = try #require(try await target.trackedVideo(id: discoveredTracking.tracking.id, accountID: account.id))
        #expect(copiedDiscovered.tracking.creatorID == followed.id && copiedDiscovered.tracking.reviewStatus == .pendingReview)
        let copiedEndpoint = try #require(try await target.webhook(id: endpoint.id, accountID: account.id))
        #expect(copiedEndpoint.url == endpoint.url && copiedEndpoint.secret == "whsec_copy" && copiedEndpoint.events == [.snapshotCreated])
        #expect(copiedEndpoint.enabled)

        let again = try await copier.copy()
        #expect(again.snapshots == 500)
        #expect(try await count("webhook_events", in: target) == 501, "a second run copies no event twice")
        #expect(try await target.ledger(accountID: account.id, limit: 100).count == 51, "a second run copies no ledger twice")
        let page = try await target.listTrackedVideos(accountID: account.id, filter: .init(), page: .init(limit: 100), at: t0)
        #expect(page.items.count == 31, "a second run adds no duplicates")
        #expect(try await target.creators(accountID: account.id).count == 1)
        #expect(try await target.creatorHistory(creatorID: followed.id, limit: 10).count == 2)
        #expect(try await target.webhooks(accountID: account.id).count == 1)
        #expect(try await target.snapshots(videoID: first.video.id, in: first.tracking.visibleRange, after: nil, limit: 1000).count == 50)
        let retrack = try await target.track([requests[0]], at: t0)
        guard case .existing(let existing) = retrack[0] else { Issue.record("tracking again should find the copied tracking"); return }
        #expect(existing.tracking.id == tracked[0].tracking.id)
    }
}

extension SQLiteToPostgresCopierTests {
    /// An account and a creator already in the target under other ids: the copy joins them by
    /// name and by (account, platform, username), and what hangs off them follows.
    @Test func joinsAccountsAndCreatorsTheTargetAlreadyHas() async throws {
        let (source, path) = try Self.sourceStore()
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let handle = CreatorHandle(platform: .tiktok, username: "maker")
        func creator(id: UUID, account: UUID) -> Creator {
            Creator(id: id, accountID: account, handle: handle, mode: .auto, discoveryInterval: 3600, notes: nil, nextCheckAt: t0, createdAt: t0, updatedAt: t0)
        }
        let sourceAccount = try await source.createAccount(name: "acme", at: t0)
        let sourceCreator = creator(id: UUID(), account: sourceAccount.id)
        _ = try await source.createCreator(sourceCreator, maxCreators: nil)
        let profile = CreatorProfile(handle: handle, followers: 77)
        try await source.recordCreatorCheck(
            creatorID: sourceCreator.id, profile: profile, sources: CreatorSources(profile: "tiktok-web", videos: "tiktok-web"), seen: ["p0"], discovered: 1, nextCheckAt: t0.addingTimeInterval(3600), at: t0)
        var discovered = NewTracking(
            accountID: sourceAccount.id, video: VideoURL(platform: .tiktok, externalID: "9000", canonicalURL: "https://www.tiktok.com/@maker/video/9000"),
            submittedURL: "https://www.tiktok.com/@maker/video/9000", duration: .default, cadence: .hourly, notes: nil)
        discovered.creatorID = sourceCreator.id
        let tracking = try #require(try await source.track([discovered], at: t0).first?.trackedVideo).tracking

        let target = try await postgresStore()
        try await target.migrate()
        let targetAccount = try await target.createAccount(name: "acme", at: t0)
        let targetCreator = creator(id: UUID(), account: targetAccount.id)
        _ = try await target.createCreator(targetCreator, maxCreators: nil)

        let report = try await SQLiteToPostgresCopier(sourcePath: path, target: target).copy()
        #expect(report.creators == 1)
        #expect(try await target.creators(accountID: targetAccount.id).map(\.id) == [targetCreator.id], "one creator, the target's")
        #expect(try await target.creator(id: sourceCreator.id, accountID: targetAccount.id) == nil)
        #expect(try await target.creatorHistory(creatorID: targetCreator.id, limit: 10).map(\.followers) == [77])
        #expect(try await target.knownCreatorVideos(creatorID: targetCreator.id, videoIDs: ["p0", "p1"]) == ["p0"])
        let copied = try #require(try await target.trackedVideo(id: tracking.id, accountID: targetAccount.id))
        #expect(copied.tracking.creatorID == targetCreator.id, "the tracking points at the target's creator")
    }
}

final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
