import Foundation
import Testing
import TrendlineDomain
import TrendlineStore

/// Plan limits, credit holds, per-snapshot charges and the ledger, on every backend.
struct PlanAndCreditContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000.123)
    let hour: TimeInterval = 3600
    /// $0.015 per snapshot, hourly for 7 days: 168 snapshots, $2.52 at most.
    let hourlyWeek = TrackingTerms(pricePerSnapshot: Money(micros: 15_000), estimatedCost: Money(micros: 2_520_000))

    func video(_ id: Int) -> VideoURL {
        VideoURL(platform: .x, externalID: "\(1_000_000_000_000_000_000 + id)", canonicalURL: "https://x.com/i/status/\(id)")
    }

    func request(_ account: Account, _ id: Int, terms: TrackingTerms = .free, limit: Int? = nil) throws -> NewTracking {
        NewTracking(
            accountID: account.id, video: video(id), submittedURL: "https://x.com/a/status/\(id)", duration: try TrackingDuration(days: 7),
            cadence: .hourly, notes: nil, terms: terms, maxActiveTrackings: limit)
    }

    func snapshot(_ videoID: Int64, at date: Date) -> Snapshot {
        Snapshot(videoID: videoID, takenAt: date, counts: Counts(views: 10, likes: 1, comments: nil, shares: nil, saves: nil), provider: "test")
    }

    @Test(arguments: StoreBackend.all)
    func aBatchCrossingTheVideoLimitTracksUpToItAndRefusesTheRest(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let outcomes = try await store.track(try (1...4).map { try request(account, $0, limit: 2) }, at: Self.t0)
        #expect(outcomes.compactMap(\.trackedVideo).count == 2)
        guard case .refused(let refusal) = outcomes[2] else { Issue.record("the third URL should be refused: \(outcomes[2])"); return }
        #expect(refusal == .videoLimit(limit: 2, current: 2))
        guard case .refused = outcomes[3] else { Issue.record("the fourth URL should be refused too"); return }
        // A URL already tracked is still answered at the limit, and a stopped tracking frees its slot.
        let again = try await store.track([try request(account, 1, limit: 2)], at: Self.t0)
        guard case .existing = again[0] else { Issue.record("re-tracking at the limit should find the tracking"); return }
        let first = try #require(outcomes[0].trackedVideo)
        _ = try await store.updateTracking(id: first.tracking.id, accountID: account.id, change: TrackingChange(status: .stopped), at: Self.t0)
        let freed = try await store.track([try request(account, 3, limit: 2)], at: Self.t0)
        guard case .created = freed[0] else { Issue.record("a stopped tracking should free its slot: \(freed[0])"); return }
        #expect(try await store.usage(accountID: account.id, periodStart: Self.t0, at: Self.t0).activeTrackings == 2)
    }

    @Test(arguments: StoreBackend.all)
    func creditsAreLedgerRowsAndNeverGoBelowZero(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let top = try await store.addCredit(accountID: account.id, amount: Money(decimal: "5")!, note: "welcome", at: Self.t0)
        #expect(top.balanceAfter == Money(decimal: "5")!)
        #expect(top.kind == .credit && top.note == "welcome")
        await #expect(throws: StoreError.self) {
            try await store.addCredit(accountID: account.id, amount: Money(decimal: "-5.01")!, note: nil, at: Self.t0)
        }
        _ = try await store.addCredit(accountID: account.id, amount: Money(decimal: "-1.5")!, note: "refund", at: Self.t0.addingTimeInterval(1))
        #expect(try await store.account(id: account.id)?.balance == Money(decimal: "3.5")!)
        let ledger = try await store.ledger(accountID: account.id, limit: 10)
        #expect(ledger.map(\.amount) == [Money(decimal: "-1.5")!, Money(decimal: "5")!], "newest first")
        await #expect(throws: StoreError.self) {
            try await store.addCredit(accountID: UUID(), amount: Money(decimal: "1")!, note: nil, at: Self.t0)
        }
    }

    @Test(arguments: StoreBackend.all)
    func runningTrackingsHoldTheirEstimateSoTheBalanceCannotBeOverspent(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        _ = try await store.addCredit(accountID: account.id, amount: Money(decimal: "3")!, note: nil, at: Self.t0)
        let outcomes = try await store.track([try request(account, 1, terms: hourlyWeek), try request(account, 2, terms: hourlyWeek)], at: Self.t0)
        guard case .created = outcomes[0] else { Issue.record("$3 covers one $2.52 tracking"); return }
        guard case .refused(.insufficientBalance(let balance, let available, let needed)) = outcomes[1] else {
            Issue.record("the second tracking must be refused: \(outcomes[1])"); return
        }
        #expect(balance == Money(decimal: "3")!)
        #expect(available == Money(decimal: "0.48")!)
        #expect(needed == Money(decimal: "2.52")!)
        let usage = try await store.usage(accountID: account.id, periodStart: Self.t0, at: Self.t0)
        #expect(usage.held == Money(decimal: "2.52")!)
        #expect(usage.available == Money(decimal: "0.48")!)
    }

    @Test(arguments: StoreBackend.all)
    func stoppingEarlyCostsExactlyTheSnapshotsTaken(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let payer = try await store.createAccount(name: "payer", at: Self.t0)
        let free = try await store.createAccount(name: "free", at: Self.t0)
        _ = try await store.addCredit(accountID: payer.id, amount: Money(decimal: "10")!, note: nil, at: Self.t0)
        let paid = try #require(try await store.track([try request(payer, 1, terms: hourlyWeek)], at: Self.t0)[0].trackedVideo)
        // Another account keeps the shared video checked after the payer stops.
        _ = try await store.track([try request(free, 1)], at: Self.t0)
        let videoID = paid.video.id
        for index in 0..<3 {
            try await store.recordSnapshot(snapshot(videoID, at: Self.t0.addingTimeInterval(Double(index) * hour)), metadata: VideoMetadata(), at: Self.t0.addingTimeInterval(Double(index) * hour))
        }
        #expect(try await store.recordSnapshot(snapshot(videoID, at: Self.t0), metadata: VideoMetadata(), at: Self.t0) == false)
        let stopAt = Self.t0.addingTimeInterval(2.5 * hour)
        _ = try await store.updateTracking(id: paid.tracking.id, accountID: payer.id, change: TrackingChange(status: .stopped), at: stopAt)
        try await store.recordSnapshot(snapshot(videoID, at: Self.t0.addingTimeInterval(3 * hour)), metadata: VideoMetadata(), at: Self.t0.addingTimeInterval(3 * hour))

        let account = try #require(try await store.account(id: payer.id))
        #expect(account.balance == Money(decimal: "9.955")!, "3 snapshots at $0.015, the duplicate and the one after the stop free")
        let tracking = try #require(try await store.trackedVideo(id: paid.tracking.id, accountID: payer.id))
        #expect(tracking.tracking.charged == Money(decimal: "0.045")!)
        let ledger = try await store.ledger(accountID: payer.id, limit: 100)
        #expect(ledger.filter { $0.kind == .snapshot }.count == 3)
        #expect(ledger.allSatisfy { $0.kind == .credit || $0.trackingID == paid.tracking.id })
        #expect(ledger.reduce(Money.zero) { $0 + $1.amount } == account.balance, "the ledger sums to the balance")
        #expect(ledger.first?.balanceAfter == account.balance)
        #expect(try await store.account(id: free.id)?.balance == .zero)
        #expect(try await store.ledger(accountID: free.id, limit: 10).isEmpty)
        let usage = try await store.usage(accountID: payer.id, periodStart: Self.t0, at: Self.t0.addingTimeInterval(4 * hour))
        #expect(usage.held == .zero, "a stopped tracking holds nothing")
        #expect(usage.snapshotsThisPeriod == 3, "the snapshot after the stop is not the payer's")
    }

    @Test(arguments: StoreBackend.all)
    func chargesStopAtTheEstimateAndAtAnEmptyBalance(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        _ = try await store.addCredit(accountID: account.id, amount: Money(decimal: "1")!, note: nil, at: Self.t0)
        let terms = TrackingTerms(pricePerSnapshot: Money(decimal: "0.4")!, estimatedCost: Money(decimal: "1")!)
        let tracked = try #require(try await store.track([try request(account, 1, terms: terms)], at: Self.t0)[0].trackedVideo)
        for index in 0..<4 {
            let at = Self.t0.addingTimeInterval(Double(index) * hour)
            try await store.recordSnapshot(snapshot(tracked.video.id, at: at), metadata: VideoMetadata(), at: at)
        }
        let charges = try await store.ledger(accountID: account.id, limit: 10).filter { $0.kind == .snapshot }.map(\.amount)
        #expect(charges == [Money(decimal: "-0.2")!, Money(decimal: "-0.4")!, Money(decimal: "-0.4")!], "0.4 + 0.4 + the 0.2 left of the estimate")
        #expect(try await store.account(id: account.id)?.balance == .zero)
    }

    @Test(arguments: StoreBackend.all)
    func aBatchChargesOneAccountForEachOfItsVideosInTheBatchOrder(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        _ = try await store.addCredit(accountID: account.id, amount: Money(decimal: "1.2")!, note: nil, at: Self.t0)
        let terms = TrackingTerms(pricePerSnapshot: Money(decimal: "0.4")!, estimatedCost: Money(decimal: "0.4")!)
        let tracked = try await store.track(try (1...3).map { try request(account, $0, terms: terms) }, at: Self.t0).map { try #require($0.trackedVideo) }
        let at = Self.t0.addingTimeInterval(60)
        // Not in video order: each charge takes from the balance the one before it left.
        let order = [tracked[2], tracked[0], tracked[1]]
        let records = order.map { SnapshotRecord(snapshot: snapshot($0.video.id, at: at), metadata: VideoMetadata()) }
        #expect(try await store.recordSnapshots(records, at: at) == [true, true, true])
        let charges = try await store.ledger(accountID: account.id, limit: 10).filter { $0.kind == .snapshot }.reversed()
        #expect(charges.map(\.trackingID) == order.map(\.tracking.id))
        #expect(charges.map(\.balanceAfter) == [Money(decimal: "0.8")!, Money(decimal: "0.4")!, .zero])
        #expect(try await store.account(id: account.id)?.balance == .zero)
        for item in tracked {
            #expect(try await store.trackedVideo(id: item.tracking.id, accountID: account.id)?.tracking.charged == Money(decimal: "0.4")!)
        }
        let later = at.addingTimeInterval(3600)
        let again = order.map { SnapshotRecord(snapshot: snapshot($0.video.id, at: later), metadata: VideoMetadata()) }
        #expect(try await store.recordSnapshots(again, at: later) == [true, true, true])
        #expect(try await store.ledger(accountID: account.id, limit: 10).filter { $0.kind == .snapshot }.count == 3, "each estimate is reached")
    }

    @Test(arguments: StoreBackend.all)
    func theClosingCheckAfterTheWindowIsKeptButNotCharged(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        _ = try await store.addCredit(accountID: account.id, amount: Money(decimal: "10")!, note: nil, at: Self.t0)
        let tracked = try #require(try await store.track([try request(account, 1, terms: hourlyWeek)], at: Self.t0)[0].trackedVideo)
        try await store.recordSnapshot(snapshot(tracked.video.id, at: Self.t0), metadata: VideoMetadata(), at: Self.t0)
        // The check that closes the window lands ten minutes after its end: the tracking sees it
        // (closing grace) and completes, but only snapshots inside the window are paid for.
        let closing = tracked.tracking.window.end.addingTimeInterval(600)
        #expect(try await store.recordSnapshot(snapshot(tracked.video.id, at: closing), metadata: VideoMetadata(), at: closing))
        let reread = try #require(try await store.trackedVideo(id: tracked.tracking.id, accountID: account.id))
        #expect(reread.tracking.status == .completed)
        #expect(try await store.snapshots(videoID: tracked.video.id, in: reread.tracking.visibleRange, after: nil, limit: 10).count == 2)
        #expect(try await store.ledger(accountID: account.id, limit: 10).filter { $0.kind == .snapshot }.map(\.amount) == [Money(micros: -15_000)])
        #expect(reread.tracking.charged == Money(micros: 15_000))
    }

    @Test(arguments: StoreBackend.all)
    func limitsHoldAcrossTwoServerInstances(_ backend: StoreBackend) async throws {
        let (first, openSecond) = try await backend.makeShared()
        let second = try await openSecond()
        let account = try await first.createAccount(name: "acme", at: Self.t0)
        _ = try await first.addCredit(accountID: account.id, amount: Money(decimal: "25.2")!, note: nil, at: Self.t0)
        // 40 single-URL requests, alternating instances, all at once: at most 10 fit the limit
        // and the balance ($25.20 = 10 × $2.52).
        let outcomes = try await withThrowingTaskGroup(of: TrackOutcome.self) { group in
            for id in 1...40 {
                let store = id.isMultiple(of: 2) ? first : second
                let tracking = try request(account, id, terms: hourlyWeek, limit: 12)
                group.addTask { try await store.track([tracking], at: Self.t0)[0] }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.compactMap(\.trackedVideo).count == 10)
        let usage = try await second.usage(accountID: account.id, periodStart: Self.t0, at: Self.t0)
        #expect(usage.activeTrackings == 10)
        #expect(usage.available == .zero)
        let limited = try await withThrowingTaskGroup(of: TrackOutcome.self) { group in
            for id in 41...60 {
                let store = id.isMultiple(of: 2) ? first : second
                let tracking = try request(account, id, limit: 13)
                group.addTask { try await store.track([tracking], at: Self.t0)[0] }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(limited.compactMap(\.trackedVideo).count == 3, "free trackings stop at the video limit of 13")
        #expect(try await first.usage(accountID: account.id, periodStart: Self.t0, at: Self.t0).activeTrackings == 13)
    }
}
