import Foundation
import Testing
@testable import TrendlineCore
import TrendlineDomain
import TrendlinePostgres
import TrendlineStore
import TrendlineTestSupport

/// A campaign's history read two ways (``CampaignReporter/HistoryRead``): every snapshot up to
/// the last point, or only each point's newest. They must give the same timeline, whatever the
/// videos' snapshots, joins, ends and inbox states.
struct CampaignHistoryReadTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let hour: TimeInterval = 3600

    /// Seven videos of campaign "Big" over four days: hourly, every five hours, two snapshots,
    /// none, one joined on the second day, one whose tracking stopped (its later snapshots are
    /// another account's), and one waiting in the inbox.
    static func campaign(on backend: String) async throws -> (any TrendlineRepository, UUID) {
        let store: any TrendlineRepository = if backend == "postgres", let url = PostgresTestStore.url {
            try await PostgresTestStore.make(url: url)
        } else {
            try makeTestStore()
        }
        let account = try await store.createAccount(name: "acme", at: t0)
        let other = try await store.createAccount(name: "other", at: t0)
        func request(_ index: Int, for accountID: UUID) -> NewTracking {
            let id = String(format: "campaign%03d", index)
            var request = NewTracking.hourly(VideoURL(platform: .youtube, externalID: id, canonicalURL: "https://www.youtube.com/watch?v=\(id)"), for: accountID)
            request.campaign = "Big"
            if index == 6 { request.reviewStatus = .pendingReview }
            return request
        }
        var videos = try await store.track((0..<7).filter { $0 != 4 }.map { request($0, for: account.id) }, at: t0).compactMap(\.trackedVideo)
        videos.insert(try #require(try await store.track([request(4, for: account.id)], at: t0.addingTimeInterval(30 * hour))[0].trackedVideo), at: 4)
        _ = try await store.track([request(5, for: other.id)], at: t0)
        var snapshots: [Snapshot] = []
        func add(_ index: Int, at hours: Double, views: Int64) {
            snapshots.append(Snapshot(
                videoID: videos[index].video.id, takenAt: t0.addingTimeInterval(hours * hour),
                counts: Counts(views: views, likes: views / 10, comments: index == 1 ? nil : views / 100, saves: nil), provider: "youtube-data-api"))
        }
        for hours in stride(from: 0.5, to: 96, by: 1) { add(0, at: hours, views: Int64(hours * 40)) }
        for hours in stride(from: 2.0, to: 96, by: 5) { add(1, at: hours, views: Int64(hours * 7) + 3) }
        add(2, at: 23.999, views: 500)
        add(2, at: 48, views: 900)
        for hours in stride(from: 30.25, to: 96, by: 1) { add(4, at: hours, views: Int64(hours * 11)) }
        for hours in stride(from: 1.0, to: 96, by: 2) { add(5, at: hours, views: Int64(hours * 13)) }
        for hours in stride(from: 1.0, to: 96, by: 3) { add(6, at: hours, views: 1_000_000) }
        for snapshot in snapshots.sorted(by: { $0.takenAt < $1.takenAt }) {
            _ = try await store.recordSnapshot(snapshot, metadata: .init(), at: snapshot.takenAt)
        }
        _ = try await store.updateTracking(id: videos[5].tracking.id, accountID: account.id, change: TrackingChange(status: .stopped), at: t0.addingTimeInterval(40 * hour))
        return (store, account.id)
    }

    /// SQLite, and PostgreSQL when TRENDLINE_TEST_POSTGRES_URL is set (.ci/run sets it).
    static let backends: [String] = {
        guard PostgresTestStore.url != nil else {
            print("note: TRENDLINE_TEST_POSTGRES_URL is not set: the campaign history reads are compared on SQLite only")
            return ["sqlite"]
        }
        return ["sqlite", "postgres"]
    }()

    static let grids: [(step: TimeInterval, from: Double?, to: Double)] = [
        (86_400, nil, 96), (86_400, 20, 95.5), (3600, nil, 96), (3600, 29, 41.5), (86_400, nil, 40),
    ]

    @Test(arguments: backends, grids)
    func bothReadsGiveTheSameTimeline(backend: String, grid: (step: TimeInterval, from: Double?, to: Double)) async throws {
        let (step, from, to) = grid
        let (store, accountID) = try await Self.campaign(on: backend)
        let reporter = CampaignReporter(repository: store)
        let now = Self.t0.addingTimeInterval(100 * Self.hour)
        let times = { (first: Date) in
            CountTimeline.times(from: from.map { Self.t0.addingTimeInterval($0 * Self.hour) }, startingAt: first, to: Self.t0.addingTimeInterval(to * Self.hour), step: step, limit: 1000)
        }
        let runs = try #require(try await reporter.history(campaign: "Big", accountID: accountID, times: times, at: now, read: .runs))
        let points = try #require(try await reporter.history(campaign: "Big", accountID: accountID, times: times, at: now, read: .points))
        #expect(runs.timeline.times == points.timeline.times && runs.timeline.times.count > 1)
        for (time, (byRun, byPoint)) in zip(runs.timeline.times, zip(runs.timeline.totals, points.timeline.totals)) {
            #expect(byRun == byPoint, "\(time): \(byRun) against \(byPoint)")
        }
        // The figures are the campaign's: the inbox's video (a million views a snapshot) is not in them.
        #expect(runs.timeline.totals.allSatisfy { ($0.counts.views ?? 0) < 1_000_000 && $0.videos <= 6 })
        #expect(runs.timeline.totals.contains { $0.videos == 6 } == (to >= 30), "the video that joined on the second day")
        let chosen = CampaignReporter.HistoryRead.suited(to: runs.timeline.times)
        #expect(chosen == (step >= CampaignReporter.HistoryRead.pointsApart ? .points : .runs))
    }
}
