import Foundation
import Synchronization
import Testing
import TrendlineCore
import TrendlineDomain
import TrendlineSQLite
import TrendlineStore
import TrendlineTestSupport

/// A ``LiveStats`` that reads 100 views more on each call, and fails for ids ending in 9.
private final class GrowingLiveStats: LiveStats {
    let calls = Mutex(0)
    let at: Date

    init(at: Date) { self.at = at }

    func fetch(_ video: VideoURL) async -> Result<LiveReading, LiveStatsFailure> {
        let call = calls.withLock { value -> Int in
            value += 1
            return value
        }
        if video.externalID.hasSuffix("9") {
            return .failure(LiveStatsFailure(attempts: ["youtube-data-api: upstream error: HTTP 503"], videoUnavailable: false))
        }
        return .success(LiveReading(
            counts: Counts(views: Int64(100 * call), likes: 7), metadata: VideoMetadata(title: "refreshed"), provider: "growing",
            fetchedAt: at.addingTimeInterval(Double(call))))
    }
}

/// What `trendline videos` runs: one result per name (id or URL), in order, under the API's codes.
struct VideoChangesTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func tracked(_ ids: [String], store: SQLiteRepository, accountID: UUID) async throws -> [TrackedVideo] {
        let requests = ids.map { id in
            let video = VideoURL(platform: .youtube, externalID: id, canonicalURL: "https://www.youtube.com/watch?v=\(id)")
            return NewTracking.hourly(video, for: accountID)
        }
        return try await store.track(requests, at: Self.t0).compactMap(\.trackedVideo)
    }

    @Test func statusChangesFindVideosByIdOrURLAndRefuseWhatDoesNotApply() async throws {
        let store = try makeTestStore()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let items = try await tracked(["aaaaaaaaaa1", "aaaaaaaaaa2"], store: store, accountID: account.id)
        let ids = items.map { UUIDText.lowercase($0.tracking.id) }
        let changes = VideoChanges(repository: store, clock: WallClock { Self.t0.addingTimeInterval(60) })

        let paused = try await changes.apply(.status(.pause), to: [ids[0], "https://youtu.be/aaaaaaaaaa2?si=x", "not a video", "https://youtu.be/bbbbbbbbbb3"], accountID: account.id)
        #expect(paused.map(\.done) == ["paused", "paused", nil, nil])
        #expect(paused.compactMap { $0.item?.tracking.status } == [.paused, .paused], "a short URL names the tracked video: \(paused)")
        #expect(paused[2].error?.code == "NOT_FOUND" && paused[2].error?.message.contains("neither a video id nor a video URL") == true)
        #expect(paused[3].error?.code == "NOT_FOUND" && paused[3].error?.message.contains("tracks no video") == true)

        let stopped = try await changes.apply(.status(.stop), to: [ids[0]], accountID: account.id)
        #expect(stopped.first?.done == "stopped" && stopped.first?.item?.tracking.status == .stopped)
        let resumed = try await changes.apply(.status(.resume), to: [ids[0], ids[1]], accountID: account.id)
        #expect(resumed.map(\.done) == [nil, "resumed"])
        #expect(resumed[0].error?.code == "CONFLICT" && resumed[0].error?.message == "cannot resume a tracking that is stopped", "\(resumed)")
        #expect(try await store.trackedVideo(id: items[1].tracking.id, accountID: account.id)?.tracking.status == .monitoring)

        let edited = try await changes.apply(
            .edit(VideoEdit(fields: TrackingChange(notes: .some("## Brief"), milestones: [1_000, 50_000], campaign: .some("Autumn")))),
            to: ["https://www.youtube.com/shorts/aaaaaaaaaa2"], accountID: account.id)
        #expect(edited.first?.done == "updated")
        let stored = try #require(try await store.trackedVideo(id: items[1].tracking.id, accountID: account.id))
        #expect(stored.tracking.notes == "## Brief" && stored.tracking.campaign == "Autumn" && stored.tracking.milestones.map(\.views) == [1_000, 50_000])
        _ = try await changes.apply(.edit(VideoEdit(fields: TrackingChange(notes: .some(nil), campaign: .some(nil)))), to: [ids[1]], accountID: account.id)
        let cleared = try #require(try await store.trackedVideo(id: items[1].tracking.id, accountID: account.id))
        #expect(cleared.tracking.notes == nil && cleared.tracking.campaign == nil && cleared.tracking.milestones.count == 2, "what is not given stays")

        // The window too, under the plan: a stopped video's is refused, each on its own line.
        let window = VideoEdit(duration: try TrackingDuration(days: 10), cadence: .daily)
        let lengthened = try await changes.apply(.edit(window), to: [ids[0], ids[1]], accountID: account.id, plan: Plan(name: "small", maxTrackedVideos: 5))
        #expect(lengthened.map(\.done) == [nil, "updated"] && lengthened[0].error?.code == "CONFLICT", "\(lengthened)")
        #expect(lengthened[1].item?.tracking.window.duration.days == 10 && lengthened[1].item?.tracking.cadence == .daily)

        let other = try await store.createAccount(name: "other", at: Self.t0)
        #expect(try await changes.apply(.status(.stop), to: [ids[1]], accountID: other.id).first?.error?.code == "NOT_FOUND", "another account's video")
    }

    @Test func refreshTakesASnapshotWithinTheLimitAndDeleteRemovesTheTracking() async throws {
        let store = try makeTestStore()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let items = try await tracked(["aaaaaaaaaa1", "aaaaaaaaaa9", "aaaaaaaaaa2"], store: store, accountID: account.id)
        let ids = items.map { UUIDText.lowercase($0.tracking.id) }
        let clock = WallClock { Self.t0.addingTimeInterval(60) }
        let changes = VideoChanges(repository: store, clock: clock)
        let live = GrowingLiveStats(at: Self.t0.addingTimeInterval(60))
        _ = try await changes.apply(.status(.stop), to: [ids[2]], accountID: account.id)

        let first = try await changes.apply(.refresh(limit: 2), to: [ids[0], ids[1], ids[2]], accountID: account.id, liveStats: live)
        #expect(first.map(\.done) == ["refreshed", nil, nil])
        #expect(first[0].snapshot?.counts.views == 100 && first[0].snapshot?.provider == "growing")
        #expect(first[1].error?.code == "UPSTREAM_ERROR" && first[1].error?.message.contains("HTTP 503") == true, "\(first[1])")
        #expect(first[2].error?.code == "CONFLICT" && first[2].error?.message == "cannot refresh a tracking that is stopped")
        #expect(live.calls.withLock { $0 } == 2, "a stopped video is not fetched")
        let stored = try await store.latestSnapshot(videoID: items[0].video.id, in: Self.t0...Self.t0.addingTimeInterval(3600))
        #expect(stored?.counts.views == 100, "the refresh's snapshot is stored")

        let second = try await changes.apply(.refresh(limit: 2), to: [ids[0], ids[0]], accountID: account.id, liveStats: live)
        #expect(second.map(\.done) == ["refreshed", nil])
        #expect(second[1].error?.code == "RATE_LIMIT_EXCEEDED" && second[1].error?.message == "at most 2 manual refreshes per video per 24 hours")
        #expect(live.calls.withLock { $0 } == 3, "the refused refresh never reached the platform")

        let deleted = try await changes.apply(.delete, to: ["https://www.youtube.com/watch?v=aaaaaaaaaa1", ids[0]], accountID: account.id)
        #expect(deleted.map(\.done) == ["deleted", nil])
        #expect(deleted[0].item?.tracking.id == items[0].tracking.id && deleted[1].error?.code == "NOT_FOUND")
        #expect(try await store.trackedVideo(id: items[0].tracking.id, accountID: account.id) == nil)
    }
}
