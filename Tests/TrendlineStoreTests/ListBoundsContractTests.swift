import Foundation
import Testing
import TrendlineDomain
import TrendlineStore
import TrendlineTestSupport

/// `GET /v1/videos?published_from&published_to&added_from&added_to`: inclusive time bounds on
/// when the platform says a video was published and when its tracking was added, on every
/// backend.
struct ListBoundsContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    static let day: TimeInterval = 86_400

    @Test(arguments: StoreBackend.all)
    func videosAreListedByWhenTheyWerePublishedAndAdded(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        // name, days after t0 it was added, days before t0 it was published (nil: not known)
        let videos: [(name: String, added: Double, published: Double?)] = [("old", 0, 30), ("recent", 1, 2), ("unknown", 2, nil), ("today", 3, 0)]
        var names: [UUID: String] = [:]
        for (index, video) in videos.enumerated() {
            let url = VideoURL(platform: .youtube, externalID: "bnds\(index)xxxxxx".prefix(11).description, canonicalURL: "https://youtu.be/bnds\(index)")
            let added = Self.t0.addingTimeInterval(video.added * Self.day)
            let item = try #require(try await store.track(
                [NewTracking.hourly(url, for: account.id)], at: added)[0].trackedVideo)
            names[item.tracking.id] = video.name
            let at = added.addingTimeInterval(60)
            try await store.recordSnapshot(
                Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: 10), provider: "t"),
                metadata: VideoMetadata(title: video.name, publishedAt: video.published.map { Self.t0.addingTimeInterval(-$0 * Self.day) }), at: at)
        }
        func listed(published: DateBounds = DateBounds(), added: DateBounds = DateBounds()) async throws -> [String] {
            var filter = TrackingFilter()
            filter.published = published
            filter.added = added
            let page = try await store.listTrackedVideos(accountID: account.id, filter: filter, page: PageRequest(limit: 10), at: Self.t0.addingTimeInterval(10 * Self.day))
            return page.items.map { names[$0.tracking.id] ?? "?" }
        }
        #expect(try await listed() == ["today", "unknown", "recent", "old"])
        #expect(try await listed(published: DateBounds(from: Self.t0.addingTimeInterval(-7 * Self.day))) == ["today", "recent"],
                "published in the last week; a video whose date is not known is left out")
        #expect(try await listed(published: DateBounds(to: Self.t0.addingTimeInterval(-2 * Self.day))) == ["recent", "old"], "inclusive at the end")
        #expect(try await listed(published: DateBounds(from: Self.t0, to: Self.t0)) == ["today"], "inclusive at both ends")
        #expect(try await listed(added: DateBounds(from: Self.t0.addingTimeInterval(Self.day), to: Self.t0.addingTimeInterval(2 * Self.day))) == ["unknown", "recent"])
        #expect(try await listed(published: DateBounds(from: Self.t0.addingTimeInterval(-7 * Self.day)), added: DateBounds(to: Self.t0.addingTimeInterval(Self.day))) == ["recent"],
                "both at once")
    }
}
