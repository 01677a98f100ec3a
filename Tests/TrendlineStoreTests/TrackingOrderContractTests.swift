import Foundation
import Testing
import TrendlineDomain
import TrendlineStore
import TrendlineTestSupport

/// `GET /v1/videos?sort=views`: lists ordered by a counter as each tracking sees it, paged, on
/// every backend.
struct TrackingOrderContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    func request(_ account: Account, _ id: String) -> NewTracking {
        let video = VideoURL(platform: .youtube, externalID: "order\(id)xxxxx".prefix(11).description, canonicalURL: "https://youtu.be/order\(id)")
        return NewTracking.hourly(video, for: account.id)
    }

    func record(_ store: any TrendlineRepository, _ item: TrackedVideo, views: Int64, likes: Int64?, at: Date) async throws {
        try await store.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: views, likes: likes), provider: "t"), metadata: .init(), at: at)
    }

    @Test(arguments: StoreBackend.all)
    func aListOrderedByACounterFollowsWhatEachTrackingSees(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        let other = try await store.createAccount(name: "brand", at: Self.t0)
        var items: [String: TrackedVideo] = [:]
        for (index, name) in ["low", "top", "none", "mid", "ended", "tie"].enumerated() {
            let at = Self.t0.addingTimeInterval(Double(index))
            let item = try #require(try await store.track([request(account, name)], at: at)[0].trackedVideo)
            items[name] = item
        }
        let shared = try #require(try await store.track([request(other, "ended")], at: Self.t0)[0].trackedVideo)
        let t1 = Self.t0.addingTimeInterval(3_600)
        for (name, views, likes) in [("low", 100, 9), ("top", 300, nil), ("mid", 200, 50), ("ended", 50, 70), ("tie", 100, 1)] as [(String, Int64, Int64?)] {
            try await record(store, items[name]!, views: views, likes: likes, at: t1)
        }
        // The agency stops following "ended"; the brand's tracking of the same video goes on and
        // sees it pass everything. The agency's list orders it by the 50 views it saw.
        _ = try await store.updateTracking(id: items["ended"]!.tracking.id, accountID: account.id, change: .init(status: .stopped), at: t1.addingTimeInterval(60))
        try await record(store, shared, views: 1_000, likes: 900, at: t1.addingTimeInterval(3_600))

        func names(_ order: TrackingOrder, limit: Int) async throws -> [[String]] {
            var pages: [[String]] = []
            var page = PageRequest(limit: limit)
            while true {
                let result = try await store.listTrackedVideos(accountID: account.id, filter: TrackingFilter(order: order), page: page, at: t1)
                pages.append(result.items.map { item in items.first { $0.value.tracking.id == item.tracking.id }!.key })
                guard let next = result.next else { return pages }
                page = PageRequest(limit: limit, after: next)
            }
        }
        #expect(try await names(.views, limit: 10) == [["top", "mid", "tie", "low", "ended", "none"]],
                "most views first; a tie newest first; the stopped tracking by what it saw; no count last")
        #expect(try await names(.views, limit: 2) == [["top", "mid"], ["tie", "low"], ["ended", "none"]], "pages follow the order")
        #expect(try await names(.likes, limit: 4) == [["ended", "mid", "low", "tie"], ["none", "top"]], "a counter the platform did not give sorts with no count, newest first")
        #expect(try await names(.newest, limit: 10) == [["tie", "ended", "mid", "none", "top", "low"]])
        #expect(try await store.allTrackedVideos(accountID: account.id, filter: TrackingFilter(platform: .youtube, order: .views), at: t1).first?.tracking.id
                == items["top"]!.tracking.id, "the whole list (exports) in the same order")
    }

    /// `sort=views_gained_24h`: the fastest growing first, by the rule the API shows the gain by.
    @Test(arguments: StoreBackend.all)
    func aListOrderedByTheDaysGainFollowsTheShownGain(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        let other = try await store.createAccount(name: "brand", at: Self.t0)
        var items: [String: TrackedVideo] = [:]
        for (index, name) in ["fast", "slow", "young", "falling", "ended"].enumerated() {
            let item = try #require(try await store.track([request(account, name)], at: Self.t0.addingTimeInterval(Double(index)))[0].trackedVideo)
            items[name] = item
        }
        let shared = try #require(try await store.track([request(other, "ended")], at: Self.t0)[0].trackedVideo)
        let hour = { (n: Double) in Self.t0.addingTimeInterval(n * 3_600) }
        for (name, readings) in [
            ("fast", [(1.0, 100), (26, 400)]), ("slow", [(1, 1_000), (26, 1_100)]), ("young", [(1, 50), (20, 5_000)]),
            ("falling", [(1, 500), (26, 300)]), ("ended", [(1, 10), (26, 60)]),
        ] as [(String, [(Double, Int64)])] {
            for (at, views) in readings { try await record(store, items[name]!, views: views, likes: nil, at: hour(at)) }
        }
        // The agency stopped "ended" after its 60; the brand's tracking went on to a million.
        _ = try await store.updateTracking(id: items["ended"]!.tracking.id, accountID: account.id, change: .init(status: .stopped), at: hour(26.5))
        try await record(store, shared, views: 1_000_000, likes: nil, at: hour(50))

        let now = hour(51)
        var order: [String] = []
        var page = PageRequest(limit: 2)
        while true {
            let result = try await store.listTrackedVideos(accountID: account.id, filter: TrackingFilter(order: .viewsGained24h), page: page, at: now)
            order += result.items.map { item in items.first { $0.value.tracking.id == item.tracking.id }!.key }
            guard let next = result.next else { break }
            page = PageRequest(limit: 2, after: next)
        }
        #expect(order == ["fast", "slow", "ended", "falling", "young"], "+300, +100, +50 (what the stopped tracking saw), -200, none")

        // The gain the API shows, by the Swift rule, ranks them the same way.
        var shown: [String: Int64?] = [:]
        for (name, item) in items {
            let fresh = try #require(try await store.trackedVideo(id: item.tracking.id, accountID: account.id))
            let latest = try await store.visibleLatest(fresh)
            shown[name] = latest?.viewsGained(since: try await store.visibleDayBefore(fresh, latest: latest))
        }
        #expect(shown["fast"] == 300 && shown["slow"] == 100 && shown["ended"] == 50 && shown["falling"] == -200)
        #expect(shown["young"] == .some(nil))

        // Lists, exports and campaign reports read them all at once, by the same rule.
        let all = try await store.allTrackedVideos(accountID: account.id, filter: TrackingFilter(), at: now)
        let batched = try await store.visibleLatestAndDayBefore(all)
        #expect(batched.map(\.item) == all, "in order")
        for entry in batched {
            let name = items.first { $0.value.tracking.id == entry.item.tracking.id }!.key
            #expect(entry.latest?.viewsGained(since: entry.dayBefore) == shown[name]!, "\(name)")
            #expect(entry.latest?.counts == (try await store.visibleLatest(entry.item))?.counts, "\(name)")
        }
    }

    /// The batched history read under ``TrendlineRepository/visibleLatestAndDayBefore(_:)``:
    /// every lookup answered in order, misses as nil, across the backends' read chunks.
    @Test(arguments: StoreBackend.all)
    func newestSnapshotsAreLookedUpManyAtOnceInOrder(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        let item = try #require(try await store.track([request(account, "many")], at: Self.t0)[0].trackedVideo)
        let hour = { (n: Int) in Self.t0.addingTimeInterval(Double(n) * 3_600) }
        for n in 1...30 { try await record(store, item, views: Int64(n * 10), likes: nil, at: hour(n)) }
        let lookups = (0..<1_234).map { i in
            SnapshotLookup(videoID: i % 3 == 2 ? item.video.id + 1_000 : item.video.id, range: hour(i % 7)...hour(i % 35))
        }
        let found = try await store.latestSnapshots(lookups)
        #expect(found.count == lookups.count)
        for (i, snapshot) in found.enumerated() {
            let expected: Int64? = i % 3 == 2 || i % 35 < max(1, i % 7) ? nil : Int64(min(i % 35, 30) * 10)
            #expect(snapshot?.counts.views == expected, "lookup \(i)")
            if snapshot != nil { #expect(snapshot?.videoID == item.video.id) }
        }
        #expect(try await store.latestSnapshots([]).isEmpty)

        // Whole runs (a campaign's history): each lookup's snapshots in range, oldest first.
        let runs = try await store.snapshotRuns(Array(lookups.prefix(40)))
        #expect(runs.count == 40)
        for (i, run) in runs.enumerated() {
            let expected = i % 3 == 2 ? [] : (max(1, i % 7)...max(1, i % 35)).filter { $0 <= 30 && $0 <= i % 35 }.map { Int64($0 * 10) }
            #expect(run.map(\.counts.views) == expected, "run \(i)")
        }
        #expect(try await store.snapshotRuns([]).isEmpty)
    }

    /// `sort=engagement_rate`: the highest rate of the visible counts first, as the API shows it.
    @Test(arguments: StoreBackend.all)
    func aListOrderedByEngagementFollowsTheShownRate(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        var items: [String: TrackedVideo] = [:]
        let readings: [(String, Counts?)] = [
            ("tenth", Counts(views: 1_000, likes: 60, comments: 20, shares: 10, saves: 10)),
            ("twentieth", Counts(views: 2_000, likes: 100, comments: nil, shares: nil, saves: nil)),
            ("big", Counts(views: 9_000_000, likes: 2_000_000, comments: 700_000, shares: 50_000, saves: 1)),
            ("viewless", Counts(views: nil, likes: 500)),
            ("none", nil),
        ]
        for (index, (name, counts)) in readings.enumerated() {
            let item = try #require(try await store.track([request(account, "e\(name)")], at: Self.t0.addingTimeInterval(Double(index)))[0].trackedVideo)
            items[name] = item
            if let counts {
                let at = Self.t0.addingTimeInterval(3_600)
                try await store.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: at, counts: counts, provider: "t"), metadata: .init(), at: at)
            }
        }
        let page = try await store.listTrackedVideos(accountID: account.id, filter: TrackingFilter(order: .engagementRate), page: PageRequest(limit: 10), at: Self.t0)
        let order = page.items.map { item in items.first { $0.value.tracking.id == item.tracking.id }!.key }
        #expect(order == ["big", "tenth", "twentieth", "none", "viewless"], "0.306, 0.1, 0.05, then no rate, newest first")
        let rates = readings.compactMap { $0.1?.engagementRate }
        #expect(rates.count == 3 && rates.sorted(by: >) == [readings[2].1!.engagementRate!, readings[0].1!.engagementRate!, readings[1].1!.engagementRate!])
    }
}
