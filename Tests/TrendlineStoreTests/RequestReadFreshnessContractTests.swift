import Foundation
import Testing
import TrendlineDomain
import TrendlineStore
import TrendlineTestSupport

/// The reads every API request makes (a key with its account, a tracked video) must show every
/// committed change at once: this store's own, and another process's on the same data (a
/// worker storing snapshots, the CLI revoking a key). SQLite answers them from a per-connection
/// memo, which these tests would catch serving a row older than a commit.
struct RequestReadFreshnessContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    struct World {
        let store: any TrendlineRepository
        let other: any TrendlineRepository
        let account: Account
        let key: APIKey
        let tracked: TrackedVideo
    }

    func world(_ backend: StoreBackend) async throws -> World {
        let (store, openOther) = try await backend.makeShared()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let key = APIKey(id: UUID(), accountID: account.id, name: "k", prefix: "tl_live_FRESH000", hash: "fresh-hash", createdAt: Self.t0)
        try await store.insertKey(key)
        let video = VideoURL(platform: .youtube, externalID: "dQw4w9WgXcQ", canonicalURL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        let tracked = try await store.track(
            [NewTracking.hourly(video, for: account.id)],
            at: Self.t0)[0].trackedVideo!
        return World(store: store, other: try await openOther(), account: account, key: key, tracked: tracked)
    }

    /// Reads both rows twice, so whatever a backend keeps of them is kept.
    func readTwice(_ world: World) async throws {
        for _ in 0..<2 {
            #expect(try await world.store.keyWithAccount(hash: world.key.hash) != nil)
            #expect(try await world.store.trackedVideo(id: world.tracked.tracking.id, accountID: world.account.id) != nil)
        }
    }

    @Test(arguments: StoreBackend.all)
    func anotherProcessesCommitsAreSeenAtOnce(_ backend: StoreBackend) async throws {
        let world = try await world(backend)
        try await readTwice(world)

        _ = try await world.other.revokeKey(idOrPrefix: world.key.id.uuidString, at: Self.t0.addingTimeInterval(1))
        #expect(try await world.store.keyWithAccount(hash: world.key.hash)?.key.isRevoked == true)

        let snapshot = Snapshot(videoID: world.tracked.video.id, takenAt: Self.t0.addingTimeInterval(60), counts: Counts(views: 42), provider: "test")
        try await world.other.recordSnapshot(snapshot, metadata: .init(title: "Fresh"), at: Self.t0.addingTimeInterval(60))
        let afterSnapshot = try await world.store.trackedVideo(id: world.tracked.tracking.id, accountID: world.account.id)
        #expect(afterSnapshot?.video.latest?.views == 42)
        #expect(afterSnapshot?.video.title == "Fresh")

        try await readTwice(world)
        _ = try await world.other.updateTracking(
            id: world.tracked.tracking.id, accountID: world.account.id, change: TrackingChange(status: .paused), at: Self.t0.addingTimeInterval(120))
        #expect(try await world.store.trackedVideo(id: world.tracked.tracking.id, accountID: world.account.id)?.tracking.status == .paused)

        #expect(try await world.other.deleteTracking(id: world.tracked.tracking.id, accountID: world.account.id, at: Self.t0.addingTimeInterval(180)))
        #expect(try await world.store.trackedVideo(id: world.tracked.tracking.id, accountID: world.account.id) == nil)
    }

    @Test(arguments: StoreBackend.all)
    func theStoresOwnCommitsAreSeenAtOnce(_ backend: StoreBackend) async throws {
        let world = try await world(backend)
        try await readTwice(world)

        try await world.store.touchKey(id: world.key.id, at: Self.t0.addingTimeInterval(100))
        #expect(try await world.store.keyWithAccount(hash: world.key.hash)?.key.lastUsedAt == Self.t0.addingTimeInterval(100))

        _ = try await world.store.updateTracking(
            id: world.tracked.tracking.id, accountID: world.account.id, change: TrackingChange(notes: .some("brief")), at: Self.t0.addingTimeInterval(120))
        #expect(try await world.store.trackedVideo(id: world.tracked.tracking.id, accountID: world.account.id)?.tracking.notes == "brief")
        // Another account's read of the same tracking is its own question, answered as none.
        #expect(try await world.store.trackedVideo(id: world.tracked.tracking.id, accountID: UUID()) == nil)
    }
}
