import Foundation
import Testing
import TrendlineDomain
import TrendlineStore

/// A tracking lengthened, reopened or re-paced (`changeWindow`), with the plan's checks made in
/// the same transaction, on every backend.
struct WindowChangeContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000.123)
    static let day: TimeInterval = 86_400
    /// $0.015 per snapshot, hourly for 7 days: 168 snapshots, $2.52 at most.
    static let hourlyWeek = TrackingTerms(pricePerSnapshot: Money(micros: 15_000), estimatedCost: Money(micros: 2_520_000))

    func request(_ account: Account, _ id: Int, terms: TrackingTerms = .free, limit: Int? = nil) throws -> NewTracking {
        let video = VideoURL(platform: .x, externalID: "\(1_000_000_000_000_000_000 + id)", canonicalURL: "https://x.com/i/status/\(id)")
        return NewTracking(
            accountID: account.id, video: video, submittedURL: video.canonicalURL, duration: try TrackingDuration(days: 7),
            cadence: .hourly, notes: nil, terms: terms, maxActiveTrackings: limit)
    }

    func change(_ item: TrackedVideo, days: Int? = nil, cadence: Cadence? = nil, at now: Date) throws -> TrackingWindowChange {
        try item.tracking.changingWindow(duration: try days.map { try TrackingDuration(days: $0) }, cadence: cadence, at: now).get()
    }

    @Test(arguments: StoreBackend.all)
    func aRunningTrackingIsLengthenedAndACompletedOneMonitorsAgain(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        let other = try await store.createAccount(name: "brand", at: Self.t0)
        let week = try #require(try await store.track([try request(account, 1)], at: Self.t0)[0].trackedVideo)
        let now = Self.t0.addingTimeInterval(3 * Self.day)
        let longer = try await store.changeWindow(id: week.tracking.id, accountID: account.id, change: try change(week, days: 30, cadence: .daily, at: now), maxActiveTrackings: nil, at: now)
        let lengthened = try #require(try longer?.get())
        #expect(lengthened.tracking.window.start == week.tracking.window.start && lengthened.tracking.window.duration.days == 30)
        #expect(lengthened.tracking.window.end == week.tracking.window.start.addingTimeInterval(30 * Self.day) && lengthened.tracking.cadence == .daily)
        #expect(try await store.trackedVideo(id: week.tracking.id, accountID: account.id) == lengthened, "stored")
        #expect(try await store.changeWindow(id: week.tracking.id, accountID: other.id, change: try change(week, days: 8, at: now), maxActiveTrackings: nil, at: now) == nil,
                "another account's tracking is not found")

        // A completed tracking (the worker wrote it so) lengthened: monitoring again, and its
        // video, which nothing wanted any more, is scheduled again.
        let done = try #require(try await store.track([try request(account, 2)], at: Self.t0)[0].trackedVideo)
        let later = Self.t0.addingTimeInterval(8 * Self.day)
        let completed = try #require(try await store.updateTracking(id: done.tracking.id, accountID: account.id, change: TrackingChange(status: .completed), at: later))
        #expect(try await store.video(id: done.video.id)?.nextCheckAt == nil, "nothing wants it")
        let reopened = try #require(try await store.changeWindow(id: done.tracking.id, accountID: account.id, change: try change(completed, days: 14, at: later), maxActiveTrackings: nil, at: later)?.get())
        #expect(reopened.tracking.status == .monitoring && reopened.tracking.endedAt == nil && reopened.tracking.effectiveStatus(at: later) == .monitoring)
        #expect(try await store.video(id: done.video.id)?.nextCheckAt != nil, "checked again")

        // Decided from a status that has changed since: refused, nothing written.
        let stale = try change(lengthened, days: 20, at: now)
        _ = try await store.updateTracking(id: week.tracking.id, accountID: account.id, change: TrackingChange(status: .stopped), at: now)
        await #expect(throws: StoreError.self) {
            try await store.changeWindow(id: week.tracking.id, accountID: account.id, change: stale, maxActiveTrackings: nil, at: now)
        }
        #expect(try await store.trackedVideo(id: week.tracking.id, accountID: account.id)?.tracking.window.duration.days == 30)
    }

    /// At a limit of one active video, eight days on: a tracking the worker completed, and
    /// another tracked since and running.
    func completedBesideOneRunning(in store: any TrendlineRepository) async throws -> (account: Account, completed: TrackedVideo, running: TrackedVideo, now: Date) {
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        let now = Self.t0.addingTimeInterval(8 * Self.day)
        let done = try #require(try await store.track([try request(account, 1, limit: 1)], at: Self.t0)[0].trackedVideo)
        let completed = try #require(try await store.updateTracking(id: done.tracking.id, accountID: account.id, change: TrackingChange(status: .completed), at: now))
        let running = try #require(try await store.track([try request(account, 2, limit: 1)], at: now)[0].trackedVideo)
        return (account, completed, running, now)
    }

    @Test(arguments: StoreBackend.all)
    func theVideoLimitAndTheBalanceAreCheckedWithTheChange(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        // At a limit of one active video, a completed one cannot monitor again while another runs.
        let (account, completed, _, now) = try await completedBesideOneRunning(in: store)
        let refused = try await store.changeWindow(id: completed.tracking.id, accountID: account.id, change: try change(completed, days: 14, at: now), maxActiveTrackings: 1, at: now)
        #expect(refused == .failure(.videoLimit(limit: 1, current: 1)))
        #expect(try await store.trackedVideo(id: completed.tracking.id, accountID: account.id)?.tracking.status == .completed, "unchanged")

        // $3 of credit; a priced week holds $2.52. Thirty days hourly would hold $10.80: refused
        // with what is free; fourteen days daily ($0.21) fits and frees most of the hold.
        let priced = try await store.createAccount(name: "paying", at: Self.t0)
        _ = try await store.addCredit(accountID: priced.id, amount: Money(decimal: "3")!, note: nil, at: Self.t0)
        let week = try #require(try await store.track([try request(priced, 3, terms: Self.hourlyWeek)], at: Self.t0)[0].trackedVideo)
        let start = Self.t0.addingTimeInterval(Self.day)
        let tooMuch = try change(week, days: 30, at: start)
        #expect(tooMuch.estimatedCost == Money(decimal: "10.8")!)
        let noFunds = try await store.changeWindow(id: week.tracking.id, accountID: priced.id, change: tooMuch, maxActiveTrackings: nil, at: start)
        #expect(noFunds == .failure(.insufficientBalance(balance: Money(decimal: "3")!, available: Money(decimal: "0.48")!, needed: Money(decimal: "8.28")!)))
        let fits = try #require(try await store.changeWindow(id: week.tracking.id, accountID: priced.id, change: try change(week, days: 14, cadence: .daily, at: start), maxActiveTrackings: nil, at: start)?.get())
        #expect(fits.tracking.terms.estimatedCost == Money(decimal: "0.21")!)
        #expect(try await store.usage(accountID: priced.id, periodStart: Self.t0, at: start).held == Money(decimal: "0.21")!)
    }

    /// An edit of the window and other fields at once is one transaction: both are kept, or
    /// (refused by the plan) neither.
    @Test(arguments: StoreBackend.all)
    func theOtherFieldsOfAnEditGoWithTheWindowOrNotAtAll(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let (account, completed, running, now) = try await completedBesideOneRunning(in: store)
        let fields = TrackingChange(notes: .some("renewed for Q3"), milestones: [1_000], campaign: .some("Q3"))

        let refused = try await store.changeWindow(
            id: completed.tracking.id, accountID: account.id, change: try change(completed, days: 14, at: now), maxActiveTrackings: 1, fields: fields, at: now)
        #expect(refused == .failure(.videoLimit(limit: 1, current: 1)))
        let untouched = try #require(try await store.trackedVideo(id: completed.tracking.id, accountID: account.id))
        #expect(untouched.tracking.notes == nil && untouched.tracking.campaign == nil && untouched.tracking.milestones.isEmpty, "the refusal kept the fields out too")

        let both = try #require(try await store.changeWindow(
            id: running.tracking.id, accountID: account.id, change: try change(running, days: 20, cadence: .daily, at: now), maxActiveTrackings: 1,
            fields: fields, at: now)?.get())
        #expect(both.tracking.window.duration.days == 20 && both.tracking.cadence == .daily)
        #expect(both.tracking.notes == "renewed for Q3" && both.tracking.campaign == "Q3" && both.tracking.milestones.map(\.views) == [1_000])
        #expect(try await store.trackedVideo(id: running.tracking.id, accountID: account.id) == both, "stored as answered")

        // A status among the fields is applied after the window, from the tracking it left.
        let stopped = try #require(try await store.changeWindow(
            id: running.tracking.id, accountID: account.id, change: try change(both, days: 25, at: now), maxActiveTrackings: 1,
            fields: TrackingChange(status: .stopped), at: now)?.get())
        #expect(stopped.tracking.window.duration.days == 25 && stopped.tracking.status == .stopped && stopped.tracking.endedAt == now.truncatedToMilliseconds)
    }

    /// A tracking reopened after the worker completed it completes again when its new window
    /// closes, and says so again to its webhooks.
    @Test(arguments: StoreBackend.all)
    func aReopenedTrackingCompletesAgainAndSaysSo(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        try await store.createWebhook(WebhookEndpoint(
            id: UUID(), accountID: account.id, url: "https://hooks.example.com/done", description: "d", events: [.trackingCompleted],
            secret: "whsec_x", createdAt: Self.t0, updatedAt: Self.t0))
        let item = try #require(try await store.track([try request(account, 1)], at: Self.t0)[0].trackedVideo)
        func record(at date: Date) async throws {
            try await store.recordSnapshot(
                Snapshot(videoID: item.video.id, takenAt: date, counts: Counts(views: 10), provider: "t"), metadata: .init(), at: date)
        }
        let firstEnd = item.tracking.window.end
        try await record(at: firstEnd)
        let completed = try #require(try await store.trackedVideo(id: item.tracking.id, accountID: account.id))
        #expect(completed.tracking.status == .completed, "the worker's closing check completed it")
        let reopened = try #require(try await store.changeWindow(
            id: item.tracking.id, accountID: account.id, change: try change(completed, days: 10, at: firstEnd), maxActiveTrackings: nil, at: firstEnd)?.get())
        #expect(reopened.tracking.status == .monitoring)
        let secondEnd = reopened.tracking.window.end
        try await record(at: secondEnd)
        #expect(try await store.trackedVideo(id: item.tracking.id, accountID: account.id)?.tracking.status == .completed)
        _ = try await store.fanOutWebhookEvents(limit: 10, at: secondEnd)
        let due = try await store.claimDueDeliveries(at: secondEnd, limit: 10, leaseUntil: secondEnd.addingTimeInterval(60))
        #expect(due.map(\.event.type) == [.trackingCompleted, .trackingCompleted], "once per window that closed")
    }
}
