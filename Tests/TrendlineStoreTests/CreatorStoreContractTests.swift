import Foundation
import Testing
import TrendlineDomain
import TrendlineStore
import TrendlineTestSupport

/// Followed creators, discovery bookkeeping, the review inbox and milestones, on every backend.
struct CreatorStoreContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000.123)

    func creator(_ account: Account, _ name: String, mode: DiscoveryMode = .auto, createdAt: Date = t0) -> Creator {
        Creator(
            id: UUID(), accountID: account.id, handle: CreatorHandle(platform: .tiktok, username: name), mode: mode,
            discoveryInterval: 6 * 3600, notes: nil, nextCheckAt: Self.t0, createdAt: createdAt, updatedAt: createdAt)
    }

    static let web = CreatorSources(profile: "tiktok-web", videos: "tiktok-web")

    /// A fresh store with account "a" following `name`.
    func storeFollowing(_ name: String, mode: DiscoveryMode = .auto, on backend: StoreBackend) async throws -> (any TrendlineRepository, Account, Creator) {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let followed = creator(account, name, mode: mode)
        _ = try await store.createCreator(followed, maxCreators: nil)
        return (store, account, followed)
    }

    func newTracking(_ account: Account, _ id: String, review: ReviewStatus = .directAdd, creatorID: UUID? = nil, milestones: [Int64] = []) -> NewTracking {
        let video = VideoURL(platform: .tiktok, externalID: id, canonicalURL: "https://www.tiktok.com/@a/video/\(id)")
        var request = NewTracking.hourly(video, for: account.id)
        request.reviewStatus = review
        request.creatorID = creatorID
        request.milestones = milestones
        return request
    }

    @Test(arguments: StoreBackend.all)
    func followingKeepsOneCreatorPerAccountAndRespectsTheLimit(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        guard case .created(let first) = try await store.createCreator(creator(account, "one"), maxCreators: 2) else { Issue.record("not created"); return }
        guard case .existing(let again) = try await store.createCreator(creator(account, "one"), maxCreators: 2) else { Issue.record("duplicate created"); return }
        #expect(again.id == first.id)
        guard case .created = try await store.createCreator(creator(account, "two", createdAt: Self.t0.addingTimeInterval(1)), maxCreators: 2) else { Issue.record("second refused"); return }
        guard case .refused(let limit, let current) = try await store.createCreator(creator(account, "three"), maxCreators: 2) else {
            Issue.record("third allowed past the limit"); return
        }
        #expect(limit == 2 && current == 2)
        #expect(try await store.creators(accountID: account.id).map(\.handle.username) == ["two", "one"])
        let changed = try await store.updateCreator(id: first.id, accountID: account.id, change: CreatorChange(mode: .selective, discoveryInterval: 12 * 3600, notes: .some("n")), at: Self.t0)
        #expect(changed?.mode == .selective && changed?.discoveryInterval == 12 * 3600 && changed?.notes == "n")
        let other = try await store.createAccount(name: "b", at: Self.t0)
        #expect(try await store.creator(id: first.id, accountID: other.id) == nil, "another account's creator is not visible")
        #expect(try await store.deleteCreator(id: first.id, accountID: account.id))
        #expect(try await store.creator(id: first.id, accountID: account.id) == nil)
    }

    @Test(arguments: StoreBackend.all)
    func checksAreLeasedAndBuildTheFollowerHistory(_ backend: StoreBackend) async throws {
        let (store, account, followed) = try await storeFollowing("grower", on: backend)
        #expect(try await store.creator(id: followed.id, accountID: account.id)?.sources == nil, "no check yet")
        let lease = Self.t0.addingTimeInterval(300)
        #expect(try await store.claimDueCreators(at: Self.t0, limit: 10, leaseUntil: lease).map(\.id) == [followed.id])
        #expect(try await store.claimDueCreators(at: Self.t0, limit: 10, leaseUntil: lease).isEmpty, "leased")
        #expect(try await store.claimDueCreators(at: lease, limit: 10, leaseUntil: lease.addingTimeInterval(300)).count == 1, "an expired lease is retried")
        for (hour, followers) in [(0, 100), (6, 150), (12, 240)] as [(Double, Int64)] {
            let at = Self.t0.addingTimeInterval(hour * 3600)
            let profile = CreatorProfile(handle: followed.handle, platformID: "sec", fullName: "G", followers: followers, following: 3, postsCount: 9)
            try await store.recordCreatorCheck(creatorID: followed.id, profile: profile, sources: Self.web, seen: ["v\(Int(hour))"], discovered: 1, nextCheckAt: at.addingTimeInterval(21_600), at: at)
        }
        let history = try await store.creatorHistory(creatorID: followed.id, limit: 10)
        #expect(history.map(\.followers) == [100, 150, 240], "oldest first")
        #expect(try await store.creatorHistory(creatorID: followed.id, limit: 2).map(\.followers) == [150, 240], "the newest readings")
        let stored = try #require(try await store.creator(id: followed.id, accountID: account.id))
        #expect(stored.profile?.followers == 240 && stored.videosDiscovered == 3 && stored.lastError == nil)
        #expect(stored.sources == Self.web)
        #expect(try await store.knownCreatorVideos(creatorID: followed.id, videoIDs: ["v0", "v6", "new"]) == ["v0", "v6"])
        try await store.recordCreatorFailure(creatorID: followed.id, error: "throttled", nextCheckAt: Self.t0.addingTimeInterval(99_999))
        let failed = try await store.creator(id: followed.id, accountID: account.id)
        #expect(failed?.lastError == "throttled")
        #expect(failed?.sources == Self.web, "a failed check keeps the providers of the last one that answered")
    }

    /// A check whose reading measured no count (yt-dlp's TikTok listing) keeps the last known
    /// counts on the creator and adds no point to the follower history.
    @Test(arguments: StoreBackend.all)
    func aReadingWithoutCountsKeepsTheLastOnesAndAddsNoHistory(_ backend: StoreBackend) async throws {
        let (store, account, followed) = try await storeFollowing("partial", on: backend)
        let full = CreatorProfile(handle: followed.handle, platformID: "sec", fullName: "P", followers: 500, following: 7, postsCount: 12, isVerified: true)
        try await store.recordCreatorCheck(creatorID: followed.id, profile: full, sources: Self.web, seen: [], discovered: 0, nextCheckAt: Self.t0.addingTimeInterval(3600), at: Self.t0)
        var partial = CreatorProfile(handle: followed.handle, platformID: nil, fullName: "P")
        partial.isPartial = true
        let later = Self.t0.addingTimeInterval(3600)
        try await store.recordCreatorCheck(
            creatorID: followed.id, profile: partial, sources: CreatorSources(profile: "yt-dlp", videos: "yt-dlp"), seen: ["x1"], discovered: 1, nextCheckAt: later.addingTimeInterval(3600), at: later)
        let checked = try #require(try await store.creator(id: followed.id, accountID: account.id))
        #expect(checked.sources == CreatorSources(profile: "yt-dlp", videos: "yt-dlp"), "the counts are older than the reading")
        let stored = try #require(checked.profile)
        #expect(stored.followers == 500 && stored.following == 7 && stored.postsCount == 12)
        #expect(stored.platformID == "sec")
        #expect(try await store.creatorHistory(creatorID: followed.id, limit: 10).map(\.followers) == [500])
        #expect(try await store.knownCreatorVideos(creatorID: followed.id, videoIDs: ["x1"]) == ["x1"], "the check itself is recorded")
    }

    /// What discovery's listing knew of a video (caption, upload time) is on a new video's row,
    /// never over an existing one's, and a snapshot's metadata replaces it.
    @Test(arguments: StoreBackend.all)
    func aNewTrackingsKnownMetadataFillsOnlyANewVideo(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        var first = newTracking(account, "301", review: .pendingReview)
        let published = Date(timeIntervalSince1970: 1_779_990_000)
        first.metadata = VideoMetadata(title: "from the listing", publishedAt: published)
        let created = try #require(try await store.track([first], at: Self.t0).first?.trackedVideo)
        #expect(created.video.title == "from the listing" && created.video.publishedAt == published && created.video.author == nil)

        let other = try await store.createAccount(name: "b", at: Self.t0)
        var second = newTracking(other, "301")
        second.metadata = VideoMetadata(title: "another listing")
        let shared = try #require(try await store.track([second], at: Self.t0).first?.trackedVideo)
        #expect(shared.video.id == created.video.id && shared.video.title == "from the listing", "an existing row is not overwritten")

        try await store.recordSnapshot(
            Snapshot(videoID: created.video.id, takenAt: Self.t0.addingTimeInterval(60), counts: Counts(views: 5), provider: "tiktok-web"),
            metadata: VideoMetadata(title: "the platform's own", author: "maker"), at: Self.t0.addingTimeInterval(60))
        let read = try #require(try await store.trackedVideo(id: shared.tracking.id, accountID: other.id))
        #expect(read.video.title == "the platform's own" && read.video.author == "maker" && read.video.publishedAt == published)
    }

    @Test(arguments: StoreBackend.all)
    func pendingVideosWaitUnsnapshottedAndTheInboxIncludesOrExcludesThem(_ backend: StoreBackend) async throws {
        let (store, account, followed) = try await storeFollowing("sel", mode: .selective, on: backend)
        let outcomes = try await store.track([
            newTracking(account, "101", review: .pendingReview, creatorID: followed.id),
            newTracking(account, "102", review: .pendingReview, creatorID: followed.id),
            newTracking(account, "103"),
        ], at: Self.t0)
        let items = outcomes.compactMap(\.trackedVideo)
        #expect(items.allSatisfy { $0.video.title == nil }, "nothing known, nothing written")
        #expect(items.map(\.tracking.reviewStatus) == [.pendingReview, .pendingReview, .directAdd])
        #expect(items[0].tracking.status == .paused && items[0].video.nextCheckAt == nil, "a pending video is not snapshotted")
        #expect(items[0].tracking.creatorID == followed.id)
        let inbox = try await store.listTrackedVideos(accountID: account.id, filter: TrackingFilter(reviewStatus: .pendingReview), page: PageRequest(limit: 10), at: Self.t0)
        #expect(Set(inbox.items.map(\.tracking.id)) == Set(items[0...1].map(\.tracking.id)))
        let byCreator = try await store.listTrackedVideos(accountID: account.id, filter: TrackingFilter(creatorID: followed.id), page: PageRequest(limit: 1), at: Self.t0)
        #expect(byCreator.items.count == 1 && byCreator.next != nil, "pages like any list")
        let rest = try await store.listTrackedVideos(
            accountID: account.id, filter: TrackingFilter(creatorID: followed.id), page: PageRequest(limit: 10, after: byCreator.next), at: Self.t0)
        #expect(Set((byCreator.items + rest.items).map(\.tracking.id)) == Set(items[0...1].map(\.tracking.id)), "only the creator's videos, the direct add left out")
        #expect(try await store.listTrackedVideos(accountID: account.id, filter: TrackingFilter(creatorID: UUID()), page: PageRequest(limit: 10), at: Self.t0).items.isEmpty)

        let later = Self.t0.addingTimeInterval(3 * 86_400)
        let unknown = UUID()
        let included = try await store.review(trackingIDs: [items[0].tracking.id, unknown, items[2].tracking.id], accountID: account.id, decision: .include, at: later)
        guard case .done(let approved) = included[0], case .notFound(let missing) = included[1], case .notPending(_, let status) = included[2] else {
            Issue.record("unexpected outcomes \(included)"); return
        }
        #expect(missing == unknown && status == .directAdd)
        #expect(approved.tracking.reviewStatus == .included && approved.tracking.status == .monitoring)
        #expect(approved.tracking.window.start == later.truncatedToMilliseconds, "the window starts when it is included")
        #expect(approved.video.nextCheckAt != nil, "snapshots begin")

        let excluded = try await store.review(trackingIDs: [items[1].tracking.id], accountID: account.id, decision: .exclude, at: later)
        guard case .done(let gone) = excluded[0] else { Issue.record("not excluded"); return }
        #expect(gone.tracking.reviewStatus == .excluded && gone.tracking.status == .stopped)
        let listed = try await store.listTrackedVideos(accountID: account.id, filter: TrackingFilter(), page: PageRequest(limit: 10), at: later)
        #expect(!listed.items.contains { $0.tracking.id == items[1].tracking.id }, "excluded videos are never listed")
        #expect(listed.items.count == 2)
        guard case .existing(let still) = try await store.track([newTracking(account, "102", review: .autoTracked, creatorID: followed.id)], at: later)[0] else {
            Issue.record("an excluded video was added again"); return
        }
        #expect(still.tracking.reviewStatus == .excluded)
    }

    @Test(arguments: StoreBackend.all)
    func aCreatorKeepsTheTrackingTermsOfItsDiscoveredVideos(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        var followed = creator(account, "terms")
        #expect(followed.trackingDuration == .default && followed.trackingCadence == .default)
        followed.trackingDuration = try TrackingDuration(days: 5)
        followed.trackingCadence = .hourly
        _ = try await store.createCreator(followed, maxCreators: nil)
        let read = try #require(try await store.creator(id: followed.id, accountID: account.id))
        #expect(read.trackingDuration.days == 5 && read.trackingCadence == .hourly)
        let changed = try await store.updateCreator(
            id: followed.id, accountID: account.id, change: CreatorChange(trackingCadence: .daily), at: Self.t0.addingTimeInterval(60))
        #expect(changed?.trackingCadence == .daily && changed?.trackingDuration.days == 5, "a change leaves the other term alone")
        let listed = try await store.creators(accountID: account.id)
        #expect(listed.first?.trackingCadence == .daily)
    }

    @Test(arguments: StoreBackend.all)
    func milestonesAreReachedOnceWithAnEventEach(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        try await store.createWebhook(WebhookEndpoint(
            id: UUID(), accountID: account.id, url: "https://hooks.example.com/m", description: nil, events: [.milestoneReached],
            secret: "whsec_x", createdAt: Self.t0, updatedAt: Self.t0))
        let item = try #require(try await store.track([newTracking(account, "201", milestones: [1_000, 10_000, 100_000])], at: Self.t0)[0].trackedVideo)
        func record(_ views: Int64, _ minutes: Double) async throws {
            let at = Self.t0.addingTimeInterval(minutes * 60)
            try await store.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: views), provider: "t"), metadata: .init(), at: at)
        }
        try await record(500, 1)
        try await record(12_000, 2)
        try await record(50_000, 3)
        let current = try #require(try await store.trackedVideo(id: item.tracking.id, accountID: account.id))
        #expect(current.tracking.milestones.map(\.views) == [1_000, 10_000, 100_000])
        #expect(current.tracking.milestones.map { $0.reachedAt != nil } == [true, true, false])
        #expect(current.tracking.milestones[0].reachedAt == Self.t0.addingTimeInterval(120).truncatedToMilliseconds)
        let end = Self.t0.addingTimeInterval(600)
        _ = try await store.fanOutWebhookEvents(limit: 100, at: end)
        let due = try await store.claimDueDeliveries(at: end, limit: 10, leaseUntil: end.addingTimeInterval(60))
        #expect(due.compactMap(\.event.milestone).sorted() == [1_000, 10_000], "one event per threshold crossed, none repeated")
        #expect(due.allSatisfy { $0.event.type == .milestoneReached && $0.event.takenAt == Self.t0.addingTimeInterval(120).truncatedToMilliseconds })

        let changed = try await store.updateTracking(id: item.tracking.id, accountID: account.id, change: TrackingChange(milestones: [10_000, 20_000]), at: end)
        #expect(changed?.tracking.milestones.map(\.views) == [10_000, 20_000])
        #expect(changed?.tracking.milestones[0].reachedAt != nil, "a kept threshold keeps when it was reached")
        try await record(25_000, 20)
        _ = try await store.fanOutWebhookEvents(limit: 100, at: end)
        let next = try await store.claimDueDeliveries(at: end, limit: 10, leaseUntil: end.addingTimeInterval(60))
        #expect(next.compactMap(\.event.milestone) == [20_000], "the new 20k threshold, passed by the next snapshot; 10k not again")
    }

    @Test(arguments: StoreBackend.all)
    func discoveredVideosAreAnEventNamingTheCreator(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        try await store.createWebhook(WebhookEndpoint(
            id: UUID(), accountID: account.id, url: "https://hooks.example.com/d", description: nil, events: [.videoDiscovered],
            secret: "whsec_x", createdAt: Self.t0, updatedAt: Self.t0))
        let followed = creator(account, "disc")
        _ = try await store.createCreator(followed, maxCreators: nil)
        _ = try await store.track([newTracking(account, "301", review: .autoTracked, creatorID: followed.id), newTracking(account, "302")], at: Self.t0)
        _ = try await store.track([newTracking(account, "301", review: .autoTracked, creatorID: followed.id)], at: Self.t0)
        #expect(try await store.fanOutWebhookEvents(limit: 10, at: Self.t0) == 1, "only the discovered video, once")
        let due = try await store.claimDueDeliveries(at: Self.t0, limit: 10, leaseUntil: Self.t0.addingTimeInterval(60))
        #expect(due.map(\.event.type) == [.videoDiscovered] && due.first?.event.creatorID == followed.id)
    }
}
