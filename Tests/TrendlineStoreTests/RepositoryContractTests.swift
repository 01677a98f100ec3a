import Foundation
import Testing
import TrendlineDomain
import TrendlineStore

/// The behaviour every ``TrendlineRepository`` must have, run against each backend.
struct RepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000.123)
    let hour: TimeInterval = 3600

    func video(_ platform: Platform = .youtube, _ id: String = "dQw4w9WgXcQ") -> VideoURL {
        VideoURL(platform: platform, externalID: id, canonicalURL: "https://example/\(platform.rawValue)/\(id)")
    }

    func request(_ account: Account, _ video: VideoURL, days: Int = 30, cadence: Cadence = .adaptive, notes: String? = nil) throws -> NewTracking {
        NewTracking(accountID: account.id, video: video, submittedURL: video.canonicalURL + "?utm=1", duration: try TrackingDuration(days: days), cadence: cadence, notes: notes)
    }

    // MARK: Accounts and keys

    @Test(arguments: StoreBackend.all)
    func accountsHaveUniqueNames(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        #expect(account.createdAt == Self.t0.truncatedToMilliseconds)
        await #expect(throws: StoreError.self) { try await store.createAccount(name: "acme", at: Self.t0) }
        #expect(try await store.account(named: "acme") == account)
        #expect(try await store.account(id: account.id) == account)
        #expect(try await store.account(named: "other") == nil)
        _ = try await store.createAccount(name: "beta", at: Self.t0.addingTimeInterval(1))
        #expect(try await store.listAccounts().map(\.name) == ["acme", "beta"])
    }

    @Test(arguments: StoreBackend.all)
    func keysAreFoundByHashAndRevokedByPrefixOrID(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let key = APIKey(id: UUID(), accountID: account.id, name: "ci", prefix: "tl_live_AAAA1111", hash: "h1", createdAt: Self.t0)
        let other = APIKey(id: UUID(), accountID: account.id, name: "ci2", prefix: "tl_live_BBBB2222", hash: "h2", createdAt: Self.t0.addingTimeInterval(1), readOnly: true)
        try await store.insertKey(key)
        try await store.insertKey(other)
        await #expect(throws: StoreError.self) { try await store.insertKey(APIKey(id: UUID(), accountID: account.id, name: "dup", prefix: "x", hash: "h1", createdAt: Self.t0)) }
        #expect(try await store.key(hash: "h1") == key)
        #expect(try await store.key(hash: "nope") == nil)
        let found = try await store.keyWithAccount(hash: "h2")
        #expect(found?.key == other && found?.account == account && found?.key.readOnly == true)
        #expect(try await store.key(hash: "h1")?.readOnly == false)
        #expect(try await store.keyWithAccount(hash: "nope") == nil)
        #expect(try await store.listKeys(accountID: account.id).map(\.id) == [key.id, other.id])

        let revoked = try await store.revokeKey(idOrPrefix: "tl_live_AAAA1111", at: Self.t0.addingTimeInterval(5))
        #expect(revoked?.id == key.id)
        #expect(try await store.key(hash: "h1")?.revokedAt == Self.t0.addingTimeInterval(5).truncatedToMilliseconds)
        #expect(try await store.keyWithAccount(hash: "h1")?.key.isRevoked == true, "a revoked key is still found, so it can be refused as revoked")
        let byID = try await store.revokeKey(idOrPrefix: other.id.uuidString, at: Self.t0.addingTimeInterval(6))
        #expect(byID?.isRevoked == true)
        #expect(try await store.revokeKey(idOrPrefix: "unknown", at: Self.t0) == nil)
        try await store.insertKey(APIKey(id: UUID(), accountID: account.id, name: "a", prefix: "tl_live_SAME0000", hash: "h3", createdAt: Self.t0))
        try await store.insertKey(APIKey(id: UUID(), accountID: account.id, name: "b", prefix: "tl_live_SAME0000", hash: "h4", createdAt: Self.t0))
        await #expect(throws: StoreError.self, "an ambiguous prefix is a conflict, not a guess") {
            try await store.revokeKey(idOrPrefix: "tl_live_SAME0000", at: Self.t0)
        }
    }

    @Test(arguments: StoreBackend.all)
    func keyUseIsRecordedAtMostOncePerMinute(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let key = APIKey(id: UUID(), accountID: account.id, name: "k", prefix: "p", hash: "h", createdAt: Self.t0)
        try await store.insertKey(key)
        try await store.touchKey(id: key.id, at: Self.t0.addingTimeInterval(10))
        try await store.touchKey(id: key.id, at: Self.t0.addingTimeInterval(20))
        #expect(try await store.key(hash: "h")?.lastUsedAt == Self.t0.addingTimeInterval(10).truncatedToMilliseconds)
        try await store.touchKey(id: key.id, at: Self.t0.addingTimeInterval(100))
        #expect(try await store.key(hash: "h")?.lastUsedAt == Self.t0.addingTimeInterval(100).truncatedToMilliseconds)
    }

    // MARK: Tracking

    @Test(arguments: StoreBackend.all)
    func oneVideoSharedByAccountsAndOneTrackingPerAccount(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let a = try await store.createAccount(name: "a", at: Self.t0)
        let b = try await store.createAccount(name: "b", at: Self.t0)
        let first = try await store.track([try request(a, video()), try request(a, video())], at: Self.t0)
        guard case .created(let created) = first[0], case .existing(let again) = first[1] else {
            Issue.record("expected created then existing, got \(first)")
            return
        }
        #expect(again.tracking.id == created.tracking.id)
        #expect(created.tracking.status == .monitoring)
        #expect(created.tracking.window.end == Self.t0.addingTimeInterval(30 * 24 * hour).truncatedToMilliseconds)
        #expect(created.video.nextCheckAt == Self.t0.truncatedToMilliseconds, "a new video is due at once")

        let forB = try await store.track([try request(b, video())], at: Self.t0.addingTimeInterval(60))
        guard case .created(let trackedByB) = forB[0] else { Issue.record("b should get its own tracking"); return }
        #expect(trackedByB.tracking.id != created.tracking.id)
        #expect(trackedByB.video.id == created.video.id, "both accounts share one video")
        #expect(try await store.trackedVideo(id: created.tracking.id, accountID: b.id) == nil, "b cannot read a's tracking")
        #expect(try await store.trackedVideo(id: created.tracking.id, accountID: a.id)?.tracking.submittedURL == created.tracking.submittedURL)
    }

    @Test(arguments: StoreBackend.all)
    func concurrentTrackingOfTheSameURLsMakesOneVideoAndOneTracking(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let videos = (0..<20).map { video(.tiktok, "\(1000 + $0)") }
        let requests = try videos.map { try request(account, $0) }
        let outcomes = try await withThrowingTaskGroup(of: [TrackOutcome].self) { group in
            for _ in 0..<8 { group.addTask { try await store.track(requests, at: Self.t0) } }
            var all: [[TrackOutcome]] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        for index in videos.indices {
            let ids = Set(outcomes.map { $0[index].trackedVideo!.tracking.id })
            #expect(ids.count == 1, "video \(index) got \(ids.count) trackings")
            let created = outcomes.filter { if case .created = $0[index] { return true } else { return false } }
            #expect(created.count == 1)
        }
        let page = try await store.listTrackedVideos(accountID: account.id, filter: .init(), page: .init(limit: 100), at: Self.t0)
        #expect(page.items.count == 20)
    }

    @Test(arguments: StoreBackend.all)
    func listingFiltersAndPaginatesStablyUnderInserts(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let other = try await store.createAccount(name: "b", at: Self.t0)
        for index in 0..<7 {
            let platform: Platform = index.isMultiple(of: 2) ? .tiktok : .youtube
            _ = try await store.track([try request(account, video(platform, "v\(index)"))], at: Self.t0.addingTimeInterval(Double(index)))
        }
        _ = try await store.track([try request(other, video(.tiktok, "foreign"))], at: Self.t0)

        let firstPage = try await store.listTrackedVideos(accountID: account.id, filter: .init(), page: .init(limit: 3), at: Self.t0)
        #expect(firstPage.items.map(\.video.externalID) == ["v6", "v5", "v4"], "newest first")
        #expect(firstPage.next != nil)
        // A new tracking between pages must not shift or repeat what follows.
        _ = try await store.track([try request(account, video(.x, "new"))], at: Self.t0.addingTimeInterval(100))
        let second = try await store.listTrackedVideos(accountID: account.id, filter: .init(), page: .init(limit: 3, after: firstPage.next), at: Self.t0)
        #expect(second.items.map(\.video.externalID) == ["v3", "v2", "v1"])
        let third = try await store.listTrackedVideos(accountID: account.id, filter: .init(), page: .init(limit: 3, after: second.next), at: Self.t0)
        #expect(third.items.map(\.video.externalID) == ["v0"])
        #expect(third.next == nil)

        let tiktok = try await store.listTrackedVideos(accountID: account.id, filter: .init(platform: .tiktok), page: .init(limit: 50), at: Self.t0)
        #expect(tiktok.items.map(\.video.externalID) == ["v6", "v4", "v2", "v0"])
        let one = try await store.listTrackedVideos(accountID: account.id, filter: .init(platform: .tiktok, externalID: "v2"), page: .init(limit: 50), at: Self.t0)
        #expect(one.items.map(\.video.externalID) == ["v2"] && one.next == nil, "one video by its platform's id")
        let elsewhere = try await store.listTrackedVideos(accountID: account.id, filter: .init(platform: .youtube, externalID: "v2"), page: .init(limit: 50), at: Self.t0)
        #expect(elsewhere.items.isEmpty, "the id on another platform is another video")
        let foreign = try await store.listTrackedVideos(accountID: account.id, filter: .init(platform: .tiktok, externalID: "foreign"), page: .init(limit: 50), at: Self.t0)
        #expect(foreign.items.isEmpty, "another account's video is not listed")
    }

    @Test(arguments: StoreBackend.all)
    func statusFilterUsesTheEffectiveStatus(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let short = try await store.track([try request(account, video(.tiktok, "1"), days: 1)], at: Self.t0)[0].trackedVideo!
        let long = try await store.track([try request(account, video(.tiktok, "2"), days: 30)], at: Self.t0)[0].trackedVideo!
        let stopped = try await store.track([try request(account, video(.tiktok, "3"), days: 30)], at: Self.t0)[0].trackedVideo!
        _ = try await store.updateTracking(id: stopped.tracking.id, accountID: account.id, change: .init(status: .stopped), at: Self.t0.addingTimeInterval(hour))
        let later = Self.t0.addingTimeInterval(2 * 24 * hour)
        func ids(_ status: TrackingStatus) async throws -> Set<UUID> {
            Set(try await store.listTrackedVideos(accountID: account.id, filter: .init(status: status), page: .init(limit: 50), at: later).items.map(\.tracking.id))
        }
        #expect(try await ids(.completed) == [short.tracking.id])
        #expect(try await ids(.monitoring) == [long.tracking.id])
        #expect(try await ids(.stopped) == [stopped.tracking.id])
        #expect(try await ids(.paused).isEmpty)
    }

    @Test(arguments: StoreBackend.all)
    func statusChangesReplanTheSharedVideo(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let item = try await store.track([try request(account, video())], at: Self.t0)[0].trackedVideo!
        let paused = try await store.updateTracking(id: item.tracking.id, accountID: account.id, change: .init(status: .paused), at: Self.t0.addingTimeInterval(5))
        #expect(paused?.tracking.status == .paused)
        #expect(paused?.video.nextCheckAt == nil, "no active tracking left: nothing due")
        #expect(try await store.claimDueVideos(at: Self.t0.addingTimeInterval(10), limit: 10, leaseUntil: Self.t0.addingTimeInterval(70)).isEmpty)
        let resumed = try await store.updateTracking(id: item.tracking.id, accountID: account.id, change: .init(status: .monitoring), at: Self.t0.addingTimeInterval(20))
        #expect(resumed?.video.nextCheckAt == Self.t0.addingTimeInterval(20).truncatedToMilliseconds)
        let stopped = try await store.updateTracking(id: item.tracking.id, accountID: account.id, change: .init(status: .stopped), at: Self.t0.addingTimeInterval(30))
        #expect(stopped?.tracking.endedAt == Self.t0.addingTimeInterval(30).truncatedToMilliseconds)
        #expect(try await store.updateTracking(id: item.tracking.id, accountID: UUID(), change: .init(status: .monitoring), at: Self.t0) == nil)
    }

    @Test(arguments: StoreBackend.all)
    func notesAreSetAndCleared(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let item = try await store.track([try request(account, video(), notes: "**brief**")], at: Self.t0)[0].trackedVideo!
        #expect(item.tracking.notes == "**brief**")
        let changed = try await store.updateTracking(id: item.tracking.id, accountID: account.id, change: .init(notes: .some("new")), at: Self.t0.addingTimeInterval(1))
        #expect(changed?.tracking.notes == "new")
        #expect(changed?.tracking.updatedAt == Self.t0.addingTimeInterval(1).truncatedToMilliseconds)
        let cleared = try await store.updateTracking(id: item.tracking.id, accountID: account.id, change: .init(notes: .some(nil)), at: Self.t0.addingTimeInterval(2))
        #expect(cleared?.tracking.notes == nil)
    }

    @Test(arguments: StoreBackend.all)
    func deletingTheLastTrackingRemovesTheVideoAndItsHistory(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let a = try await store.createAccount(name: "a", at: Self.t0)
        let b = try await store.createAccount(name: "b", at: Self.t0)
        let ofA = try await store.track([try request(a, video())], at: Self.t0)[0].trackedVideo!
        let ofB = try await store.track([try request(b, video())], at: Self.t0)[0].trackedVideo!
        try await store.recordSnapshot(Snapshot(videoID: ofA.video.id, takenAt: Self.t0.addingTimeInterval(1), counts: Counts(views: 5), provider: "test"), metadata: .init(), at: Self.t0)

        #expect(try await store.deleteTracking(id: ofA.tracking.id, accountID: b.id, at: Self.t0) == false, "not b's tracking")
        #expect(try await store.deleteTracking(id: ofA.tracking.id, accountID: a.id, at: Self.t0) == true)
        #expect(try await store.trackedVideo(id: ofA.tracking.id, accountID: a.id) == nil)
        #expect(try await store.video(id: ofA.video.id) != nil, "b still tracks it")
        #expect(try await store.snapshots(videoID: ofA.video.id, in: Self.t0...Self.t0.addingTimeInterval(hour), after: nil, limit: 10).count == 1)
        #expect(try await store.deleteTracking(id: ofB.tracking.id, accountID: b.id, at: Self.t0) == true)
        #expect(try await store.video(id: ofA.video.id) == nil)
        #expect(try await store.snapshots(videoID: ofA.video.id, in: Self.t0...Self.t0.addingTimeInterval(hour), after: nil, limit: 10).isEmpty)
    }

    // MARK: Snapshots and schedule

    @Test(arguments: StoreBackend.all)
    func snapshotsAreAppendOnlyKeepNullsAndMillisecondDates(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let item = try await store.track([try request(account, video())], at: Self.t0)[0].trackedVideo!
        let taken = Self.t0.addingTimeInterval(12.345_678)
        let snapshot = Snapshot(videoID: item.video.id, takenAt: taken, counts: Counts(views: 100, likes: 0, comments: nil, shares: nil, saves: 7), provider: "youtube-data-api")
        #expect(try await store.recordSnapshot(snapshot, metadata: .init(title: "Title", author: "someone"), at: taken))
        #expect(try await store.recordSnapshot(snapshot, metadata: .init(), at: taken) == false, "same instant twice is one snapshot")
        let stored = try await store.snapshots(videoID: item.video.id, in: Self.t0...Self.t0.addingTimeInterval(hour), after: nil, limit: 10)
        #expect(stored == [snapshot])
        #expect(stored[0].counts.likes == 0)
        #expect(stored[0].counts.comments == nil)
        #expect(stored[0].takenAt == Date(millisecondsSince1970: taken.millisecondsSince1970))
        let video = try await store.video(id: item.video.id)
        #expect(video?.latest == snapshot.counts)
        #expect(video?.title == "Title")
        #expect(video?.lastSnapshotAt == snapshot.takenAt)
        #expect(video?.nextCheckAt == snapshot.takenAt.addingTimeInterval(hour), "adaptive: hourly while young")
        #expect(video?.leaseUntil == nil)
    }

    @Test(arguments: StoreBackend.all)
    func aBatchOfSnapshotsIsStoredLikeOneAtATime(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let first = try await store.track([try request(account, video(.youtube, "aaaaaaaaaaa"), cadence: .hourly)], at: Self.t0)[0].trackedVideo!
        let second = try await store.track([try request(account, video(.youtube, "bbbbbbbbbbb"))], at: Self.t0)[0].trackedVideo!
        let gone = try await store.track([try request(account, video(.youtube, "ccccccccccc"))], at: Self.t0)[0].trackedVideo!
        #expect(try await store.deleteTracking(id: gone.tracking.id, accountID: account.id, at: Self.t0))
        let at = Self.t0.addingTimeInterval(60)
        let earlier = Snapshot(videoID: first.video.id, takenAt: Self.t0.addingTimeInterval(30), counts: Counts(views: 100), provider: "p")
        try await store.recordSnapshot(earlier, metadata: .init(), at: earlier.takenAt)
        let records = [
            SnapshotRecord(snapshot: Snapshot(videoID: first.video.id, takenAt: at, counts: Counts(views: 150), provider: "p"), metadata: .init(title: "One")),
            SnapshotRecord(snapshot: Snapshot(videoID: second.video.id, takenAt: at, counts: Counts(views: 7), provider: "p"), metadata: .init(author: "two")),
            SnapshotRecord(snapshot: earlier, metadata: .init()),
            SnapshotRecord(snapshot: Snapshot(videoID: gone.video.id, takenAt: at, counts: Counts(views: 1), provider: "p"), metadata: .init()),
        ]
        #expect(try await store.recordSnapshots(records, at: at) == [true, true, false, false], "a duplicate and a deleted video store nothing; the rest is kept")
        let one = try await store.video(id: first.video.id)
        #expect(one?.latest == Counts(views: 150))
        #expect(one?.title == "One")
        #expect(one?.lastSnapshotAt == at)
        #expect(one?.nextCheckAt == at.addingTimeInterval(hour))
        #expect(try await store.video(id: second.video.id)?.author == "two")
        #expect(try await store.snapshots(videoID: first.video.id, in: Self.t0...at, after: nil, limit: 10).map(\.counts.views) == [100, 150])
        #expect(try await store.video(id: gone.video.id) == nil)
    }

    @Test(arguments: StoreBackend.all)
    func aBatchPlansEachVideoFromItsOwnTrackingsAndStoresAVideoOncePerLease(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let one = try await store.createAccount(name: "one", at: Self.t0)
        let two = try await store.createAccount(name: "two", at: Self.t0)
        let shared = try await store.track([try request(one, video(.youtube, "aaaaaaaaaaa"), cadence: .daily)], at: Self.t0)[0].trackedVideo!
        _ = try await store.track([try request(two, video(.youtube, "aaaaaaaaaaa"), cadence: .hourly)], at: Self.t0)
        let daily = try await store.track([try request(one, video(.youtube, "bbbbbbbbbbb"), cadence: .daily)], at: Self.t0)[0].trackedVideo!
        let now = Self.t0.addingTimeInterval(1)
        let claimed = Dictionary(uniqueKeysWithValues: try await store.claimDueVideos(at: now, limit: 10, leaseUntil: now.addingTimeInterval(60)).map { ($0.id, $0) })
        #expect(claimed.count == 2)
        func record(_ id: Int64, at date: Date, views: Int64) -> SnapshotRecord {
            SnapshotRecord(snapshot: Snapshot(videoID: id, takenAt: date, counts: Counts(views: views), provider: "p"), metadata: .init(), lease: claimed[id]?.leaseUntil)
        }
        let at = now.addingTimeInterval(1)
        // Out of id order, and the daily video twice under its one lease.
        let records = [record(daily.video.id, at: at, views: 1), record(shared.video.id, at: at, views: 2), record(daily.video.id, at: at.addingTimeInterval(1), views: 3)]
        #expect(try await store.recordSnapshots(records, at: at) == [true, true, false], "a second check under the same lease is not stored")
        #expect(try await store.video(id: shared.video.id)?.nextCheckAt == at.addingTimeInterval(hour), "the hourly tracking of the shared video sets its pace")
        #expect(try await store.video(id: daily.video.id)?.nextCheckAt == at.addingTimeInterval(24 * hour), "the other video keeps its own daily pace")
        #expect(try await store.video(id: daily.video.id)?.latest == Counts(views: 1))
        #expect(try await store.video(id: daily.video.id)?.leaseUntil == nil)
        #expect(try await store.video(id: shared.video.id)?.leaseUntil == nil)
    }

    @Test(arguments: StoreBackend.all)
    func snapshotPagesAndRanges(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let item = try await store.track([try request(account, video())], at: Self.t0)[0].trackedVideo!
        for index in 0..<10 {
            let at = Self.t0.addingTimeInterval(Double(index) * hour)
            try await store.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: Int64(index)), provider: "t"), metadata: .init(), at: at)
        }
        let range = Self.t0...Self.t0.addingTimeInterval(100 * hour)
        let first = try await store.snapshots(videoID: item.video.id, in: range, after: nil, limit: 4)
        #expect(first.map(\.counts.views) == [0, 1, 2, 3])
        let next = try await store.snapshots(videoID: item.video.id, in: range, after: first.last?.takenAt, limit: 4)
        #expect(next.map(\.counts.views) == [4, 5, 6, 7])
        let window = try await store.snapshots(videoID: item.video.id, in: Self.t0.addingTimeInterval(2 * hour)...Self.t0.addingTimeInterval(4 * hour), after: nil, limit: 100)
        #expect(window.map(\.counts.views) == [2, 3, 4])
        let latest = try await store.latestSnapshot(videoID: item.video.id, in: Self.t0...Self.t0.addingTimeInterval(5.5 * hour))
        #expect(latest?.counts.views == 5)
    }

    @Test(arguments: StoreBackend.all)
    func claimLeasesDueVideosOnceUntilTheLeaseExpires(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let items = try await store.track((0..<5).map { try request(account, video(.tiktok, "\($0)")) }, at: Self.t0).map { $0.trackedVideo! }
        let now = Self.t0.addingTimeInterval(1)
        let lease = now.addingTimeInterval(60)
        let first = try await store.claimDueVideos(at: now, limit: 3, leaseUntil: lease)
        #expect(first.count == 3)
        #expect(first.allSatisfy { $0.leaseUntil == lease.truncatedToMilliseconds })
        let second = try await store.claimDueVideos(at: now, limit: 10, leaseUntil: lease)
        #expect(second.count == 2)
        #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))
        #expect(try await store.claimDueVideos(at: now.addingTimeInterval(30), limit: 10, leaseUntil: lease).isEmpty, "leased videos are not taken twice")

        // A worker that stored its snapshot releases the lease; one that died does not, and
        // its videos come back once the lease expires.
        let done = first[0]
        try await store.recordSnapshot(Snapshot(videoID: done.id, takenAt: now, counts: Counts(views: 1), provider: "t"), metadata: .init(), at: now)
        let afterExpiry = try await store.claimDueVideos(at: lease.addingTimeInterval(1), limit: 10, leaseUntil: lease.addingTimeInterval(120))
        #expect(Set(afterExpiry.map(\.id)) == Set(items.map(\.video.id)).subtracting([done.id]))
    }

    @Test(arguments: StoreBackend.all)
    func aClaimReturnsTheOldestDueFirstAndTiesInIdOrder(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let ids = try await store.track((0..<6).map { try request(account, video(.tiktok, "\($0)")) }, at: Self.t0)
            .map { $0.trackedVideo!.video.id }
        // Due times out of id order, two of them shared.
        let offsets: [TimeInterval] = [50, 10, 30, 10, 40, 30]
        for (id, offset) in zip(ids, offsets) {
            try await store.postponeCheck(videoID: id, until: Self.t0.addingTimeInterval(offset), error: "later")
        }
        let claimed = try await store.claimDueVideos(at: Self.t0.addingTimeInterval(60), limit: 10, leaseUntil: Self.t0.addingTimeInterval(120))
        let expected = zip(offsets, ids).sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1)
        #expect(claimed.map(\.id) == expected)
        #expect(claimed.map(\.nextCheckAt) == expected.map { id in Self.t0.addingTimeInterval(offsets[ids.firstIndex(of: id)!]).truncatedToMilliseconds })
    }

    @Test(arguments: StoreBackend.all)
    func aCheckThatOutlivedItsLeaseIsNotStoredOverTheNextClaim(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let items = try await store.track((0..<3).map { try request(account, video(.tiktok, "\($0)")) }, at: Self.t0).map { $0.trackedVideo! }
        let now = Self.t0.addingTimeInterval(1)
        let slow = try await store.claimDueVideos(at: now, limit: 10, leaseUntil: now.addingTimeInterval(8))
        #expect(slow.count == 3)
        // The slow worker's lease runs out; a second worker claims the videos and stores one.
        let later = now.addingTimeInterval(9)
        let fresh = try await store.claimDueVideos(at: later, limit: 10, leaseUntil: later.addingTimeInterval(8))
        #expect(Set(fresh.map(\.id)) == Set(items.map(\.video.id)))
        let byID = Dictionary(uniqueKeysWithValues: fresh.map { ($0.id, $0) })
        func record(_ video: Video, at date: Date, views: Int64) -> SnapshotRecord {
            SnapshotRecord(snapshot: Snapshot(videoID: video.id, takenAt: date, counts: Counts(views: views), provider: "t"), metadata: .init(), lease: video.leaseUntil)
        }
        #expect(try await store.recordSnapshots([record(byID[slow[0].id]!, at: later, views: 5)], at: later) == [true])

        // The slow worker's answers arrive: none is stored, whether the second worker already
        // stored that video (its lease is gone) or still holds it (its lease is newer).
        let late = later.addingTimeInterval(1)
        #expect(try await store.recordSnapshots(slow.map { record($0, at: late, views: 7) }, at: late) == [false, false, false])
        for item in items {
            let stored = try await store.snapshots(videoID: item.video.id, in: Self.t0...late, after: nil, limit: 10)
            #expect(stored.map(\.counts.views) == (item.video.id == slow[0].id ? [5] : []))
        }
        #expect(try await store.video(id: slow[1].id)?.leaseUntil == later.addingTimeInterval(8).truncatedToMilliseconds, "the second worker keeps its lease")

        // The second worker stores its other two; a lease that expired with nobody claiming
        // after it still stores (the check happened once).
        #expect(try await store.recordSnapshots([record(byID[slow[1].id]!, at: late, views: 8)], at: late) == [true])
        let expiredAlone = later.addingTimeInterval(60)
        #expect(try await store.recordSnapshots([record(byID[slow[2].id]!, at: expiredAlone, views: 9)], at: expiredAlone) == [true])
    }

    @Test(arguments: StoreBackend.all)
    func concurrentClaimsNeverShareAVideo(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        _ = try await store.track((0..<40).map { try request(account, video(.x, "\($0)")) }, at: Self.t0)
        let now = Self.t0.addingTimeInterval(1)
        let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<6 { group.addTask { try await store.claimDueVideos(at: now, limit: 10, leaseUntil: now.addingTimeInterval(60)).map(\.id) } }
            var all: [Int64] = []
            for try await ids in group { all += ids }
            return all
        }
        #expect(claims.count == 40)
        #expect(Set(claims).count == 40)
    }

    @Test(arguments: StoreBackend.all)
    func windowEndCompletesTrackingsAndStopsChecks(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let item = try await store.track([try request(account, video(), days: 1, cadence: .hourly)], at: Self.t0)[0].trackedVideo!
        let after = Self.t0.addingTimeInterval(25 * hour)
        try await store.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: after, counts: Counts(views: 1), provider: "t"), metadata: .init(), at: after)
        let reread = try await store.trackedVideo(id: item.tracking.id, accountID: account.id)
        #expect(reread?.tracking.status == .completed)
        #expect(reread?.tracking.endedAt == item.tracking.window.end)
        #expect(reread?.video.nextCheckAt == nil)
    }

    @Test(arguments: StoreBackend.all)
    func failedChecksArePostponedAndCounted(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let item = try await store.track([try request(account, video())], at: Self.t0)[0].trackedVideo!
        let now = Self.t0.addingTimeInterval(1)
        _ = try await store.claimDueVideos(at: now, limit: 10, leaseUntil: now.addingTimeInterval(60))
        try await store.postponeCheck(videoID: item.video.id, until: now.addingTimeInterval(120), error: "upstream error: 503")
        let video = try #require(try await store.video(id: item.video.id))
        #expect(video.leaseUntil == nil)
        #expect(video.nextCheckAt == now.addingTimeInterval(120).truncatedToMilliseconds)
        #expect(video.consecutiveFailures == 1)
        #expect(video.lastError == "upstream error: 503")
        #expect(try await store.claimDueVideos(at: now.addingTimeInterval(60), limit: 10, leaseUntil: now.addingTimeInterval(90)).isEmpty)
        try await store.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: now.addingTimeInterval(130), counts: Counts(views: 1), provider: "t"), metadata: .init(), at: now.addingTimeInterval(130))
        #expect(try await store.video(id: item.video.id)?.consecutiveFailures == 0)
    }

    @Test(arguments: StoreBackend.all)
    func unavailabilityNeedsTwoReportsInARow(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let a = try await store.createAccount(name: "a", at: Self.t0)
        let b = try await store.createAccount(name: "b", at: Self.t0)
        let ofA = try await store.track([try request(a, video())], at: Self.t0)[0].trackedVideo!
        let ofB = try await store.track([try request(b, video())], at: Self.t0)[0].trackedVideo!
        let now = Self.t0.addingTimeInterval(10)
        #expect(try await store.reportUnavailable(videoID: ofA.video.id, reason: "private", recheckAt: now.addingTimeInterval(300), at: now) == false)
        #expect(try await store.trackedVideo(id: ofA.tracking.id, accountID: a.id)?.tracking.status == .monitoring, "one report is not enough")
        #expect(try await store.video(id: ofA.video.id)?.nextCheckAt == now.addingTimeInterval(300).truncatedToMilliseconds)
        #expect(try await store.reportUnavailable(videoID: ofA.video.id, reason: "private: TikTok statusCode 10222", recheckAt: now, at: now.addingTimeInterval(300)) == true)
        for (tracking, account) in [(ofA.tracking, a), (ofB.tracking, b)] {
            let reread = try await store.trackedVideo(id: tracking.id, accountID: account.id)
            #expect(reread?.tracking.status == .unavailable)
            #expect(reread?.tracking.statusReason == "private: TikTok statusCode 10222")
        }
        #expect(try await store.video(id: ofA.video.id)?.nextCheckAt == nil, "no more checks")
    }

    @Test(arguments: StoreBackend.all)
    func aSnapshotBetweenReportsResetsTheCount(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let item = try await store.track([try request(account, video())], at: Self.t0)[0].trackedVideo!
        try await store.reportUnavailable(videoID: item.video.id, reason: "gone?", recheckAt: Self.t0, at: Self.t0)
        try await store.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: Self.t0.addingTimeInterval(5), counts: Counts(views: 3), provider: "t"), metadata: .init(), at: Self.t0.addingTimeInterval(5))
        #expect(try await store.reportUnavailable(videoID: item.video.id, reason: "gone?", recheckAt: Self.t0, at: Self.t0.addingTimeInterval(6)) == false)
    }

    @Test(arguments: StoreBackend.all)
    func rateBucketsAreSharedAndRefill(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        var allowed = 0
        for _ in 0..<5 where try await store.takeRateTokens(bucket: "req:k1", capacity: 3, refillPerSecond: 1, cost: 1, at: Self.t0).allowed {
            allowed += 1
        }
        #expect(allowed == 3)
        let refused = try await store.takeRateTokens(bucket: "req:k1", capacity: 3, refillPerSecond: 1, cost: 1, at: Self.t0)
        #expect(!refused.allowed && refused.bucket.remaining == 0)
        #expect(try await store.takeRateTokens(bucket: "req:k2", capacity: 3, refillPerSecond: 1, cost: 1, at: Self.t0).allowed, "buckets are per name")
        let later = try await store.takeRateTokens(bucket: "req:k1", capacity: 3, refillPerSecond: 1, cost: 2, at: Self.t0.addingTimeInterval(2))
        #expect(later.allowed && later.bucket.remaining == 0, "two seconds refill two tokens")

        // Concurrent takes never hand out more than the bucket holds.
        let grants = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { try await store.takeRateTokens(bucket: "req:race", capacity: 7, refillPerSecond: 0.001, cost: 1, at: Self.t0).allowed }
            }
            var count = 0
            for try await granted in group where granted { count += 1 }
            return count
        }
        #expect(grants == 7)
    }

    /// Deleting an account takes all it owns; a video another account tracks keeps its history.
    @Test(arguments: StoreBackend.all)
    func deletingAnAccountTakesWhatItOwnsAndLeavesSharedVideos(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let gone = try await store.createAccount(name: "gone", at: Self.t0)
        let staying = try await store.createAccount(name: "staying", at: Self.t0)
        let own = try #require(try await store.track([try request(gone, video(.youtube, "ownVideo001"))], at: Self.t0)[0].trackedVideo)
        let shared = try #require(try await store.track([try request(gone, video(.tiktok, "7400000000000000001"))], at: Self.t0)[0].trackedVideo)
        let kept = try #require(try await store.track([try request(staying, video(.tiktok, "7400000000000000001"))], at: Self.t0)[0].trackedVideo)
        for item in [own, shared] {
            try await store.recordSnapshot(
                Snapshot(videoID: item.video.id, takenAt: Self.t0.addingTimeInterval(60), counts: Counts(views: 10), provider: "t"), metadata: .init(), at: Self.t0)
        }
        let key = APIKey(id: UUID(), accountID: gone.id, name: "k", prefix: "tl_gone", hash: UUID().uuidString, createdAt: Self.t0)
        try await store.insertKey(key)
        _ = try await store.addCredit(accountID: gone.id, amount: Money(micros: 1_000_000), note: nil, at: Self.t0)
        let maker = Creator(
            id: UUID(), accountID: gone.id, handle: CreatorHandle(platform: .tiktok, username: "maker"), mode: .auto, discoveryInterval: 21_600,
            notes: nil, nextCheckAt: Self.t0, createdAt: Self.t0, updatedAt: Self.t0)
        _ = try await store.createCreator(maker, maxCreators: nil)
        try await store.createWebhook(WebhookEndpoint(
            id: UUID(), accountID: gone.id, url: "https://example.com/hook", description: nil, events: [.snapshotCreated], secret: "whsec_x",
            createdAt: Self.t0, updatedAt: Self.t0))

        let deletion = try await store.deleteAccount(id: gone.id, at: Self.t0.addingTimeInterval(120))
        #expect(deletion == AccountDeletion(trackings: 2, videosDeleted: 1))
        #expect(try await store.account(id: gone.id) == nil)
        #expect(try await store.key(hash: key.hash) == nil)
        #expect(try await store.creators(accountID: gone.id).isEmpty)
        #expect(try await store.webhooks(accountID: gone.id).isEmpty)
        #expect(try await store.video(id: own.video.id) == nil, "the video only this account tracked is gone")
        let still = try #require(try await store.trackedVideo(id: kept.tracking.id, accountID: staying.id), "the other account's tracking stays")
        #expect(try await store.snapshots(videoID: still.video.id, in: Self.t0...Self.t0.addingTimeInterval(3600), after: nil, limit: 10).count == 1,
                "with the shared video's history")
        #expect(try await store.deleteAccount(id: gone.id, at: Self.t0) == nil, "no such account any more")
        #expect(try await store.listAccounts().map(\.name) == ["staying"])
    }
}
