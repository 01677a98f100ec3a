import Foundation
import Testing
import TrendlineDomain
import TrendlineSimulator
import TrendlineSnapshots
import TrendlineStore
import TrendlineTestSupport

/// The whole loop against the simulator on loopback: claim, batch per platform, fetch, store.
/// Serialized: each test runs a simulator and a worker, and in parallel they starve each other
/// on two cores.
@Suite(.serialized)
struct WorkerTests {
    @Test func firstRoundSnapshotsEveryPlatformBatchingPerProvider() async throws {
        try await WorkerWorld.run { world in
            let youtube = (0..<60).map { "https://www.youtube.com/watch?v=\(String(format: "yt%09d", $0))" }
            let others = [
                "https://www.tiktok.com/@creator/video/7430511437199543584", "https://x.com/jack/status/1460323737035677698",
                "https://x.com/jack/status/1460323737035677699", "https://www.instagram.com/reel/CAbCdEfGhIj/",
                "https://www.facebook.com/watch/?v=1234567890123456",
                "https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/",
            ]
            let tracked = try await world.track(youtube + others)
            #expect(tracked.count == 66)
            let taken = try await world.worker.runOnce()
            #expect(taken == 66)
            #expect(world.simulator.state.requests("youtube.videos.list") == 2, "60 ids: 50 + 10")
            #expect(world.simulator.state.requests("x.tweets") == 1, "both posts in one call")
            for item in tracked {
                let history = try await world.history(item)
                #expect(history.count == 1, "\(item.video.canonicalURL)")
                #expect(history.first?.counts.views == world.simulator.counts(for: item.video.externalID).views)
            }
            let providers = Set(try await tracked.asyncMap { try await world.history($0).first?.provider ?? "" })
            #expect(providers == ["youtube-data-api", "tiktok-web", "x-api-v2", "instagram-media-info", "yt-dlp"])
            let after = try await world.reread(tracked[0])
            #expect(after.video.leaseUntil == nil)
            #expect(after.video.title == "Simulated video yt000000000")
            #expect(after.video.nextCheckAt != nil && after.video.nextCheckAt! > world.clock.now)
            #expect(try await world.worker.runOnce() == 0, "nothing is due again right away")
        }
    }

    @Test func oneVideoTrackedByTenAccountsIsFetchedOncePerCheck() async throws {
        try await WorkerWorld.run { world in
            for index in 0..<10 {
                let account = try await world.store.createAccount(name: "client\(index)", at: world.clock.now)
                let video = VideoURL(platform: .tiktok, externalID: "7000000000000000001", canonicalURL: "https://www.tiktok.com/@shared/video/7000000000000000001")
                _ = try await world.store.track([NewTracking.hourly(video, for: account.id)], at: world.clock.now)
            }
            try await world.worker.runOnce()
            world.clock.advance(3600)
            try await world.worker.runOnce()
            #expect(world.simulator.state.requests("tiktok.page") == 2, "two checks, one fetch each, for ten accounts")
        }
    }

    @Test func hourlyAndDailyCadencesOverADay() async throws {
        try await WorkerWorld.run { world in
            let hourly = try await world.track(["https://www.tiktok.com/@a/video/7100000000000000001"], cadence: .hourly)[0]
            let daily = try await world.track(["https://www.tiktok.com/@a/video/7100000000000000002"], cadence: .daily)[0]
            for _ in 0..<(24 * 4) {
                try await world.worker.runOnce()
                world.clock.advance(15 * 60)
            }
            #expect(try await world.history(hourly).count == 24)
            #expect(try await world.history(daily).count == 1)
            let views = try await world.history(hourly).map { $0.counts.views ?? 0 }
            #expect(views == views.sorted(), "counts grow")
        }
    }

    @Test func adaptiveCadenceSlowsAsTheVideoAges() async throws {
        try await WorkerWorld.run { world in
            // A video the simulator says was published less than an hour before tracking starts.
            let id = (0..<1000).map { "71100000000000\(String(format: "%05d", $0))" }.first { SimulatedCounts.ageOffset($0) < 3600 }!
            let item = try await world.track(["https://www.tiktok.com/@a/video/\(id)"])[0]
            for _ in 0..<200 {
                try await world.worker.runOnce()
                guard let next = try await world.reread(item).video.nextCheckAt, next.timeIntervalSince(world.clock.now) < 10 * 86_400 else { break }
                world.clock.advance(max(1, next.timeIntervalSince(world.clock.now)))
                if world.clock.now.timeIntervalSince(SimulatedCounts.publishedForTest(id, epoch: Date(timeIntervalSince1970: 1_790_000_000))) > 9 * 86_400 { break }
            }
            let history = try await world.history(item)
            let published = try #require(try await world.reread(item).video.publishedAt)
            func gaps(fromDay start: Double, toDay end: Double) -> [TimeInterval] {
                zip(history, history.dropFirst())
                    .filter { $0.0.takenAt.timeIntervalSince(published) >= start * 86_400 && $0.1.takenAt.timeIntervalSince(published) < end * 86_400 }
                    .map { $0.1.takenAt.timeIntervalSince($0.0.takenAt) }
            }
            let early = gaps(fromDay: 0, toDay: 1.5)
            let middle = gaps(fromDay: 3, toDay: 6.5)
            let late = gaps(fromDay: 8, toDay: 9)
            #expect(!early.isEmpty && early.allSatisfy { $0 <= 3600 }, "young: hourly or faster, got \(early)")
            #expect(!middle.isEmpty && middle.allSatisfy { $0 >= 3 * 3600 && $0 <= 12 * 3600 + 1800 }, "days 3-7: around 6 h, got \(middle)")
            #expect(late.allSatisfy { $0 >= 12 * 3600 }, "after a week: about daily, got \(late)")
            #expect(history.count < 9 * 24 / 2, "far fewer checks than hourly: \(history.count)")
        }
    }

    @Test func abandonedLeaseIsRetakenWithoutDuplicates() async throws {
        try await WorkerWorld.run { world in
            let tracked = try await world.track((0..<5).map { "https://www.tiktok.com/@a/video/72000000000000000\($0)" })
            // A worker claims everything and dies before storing anything.
            let claimed = try await world.store.claimDueVideos(at: world.clock.now, limit: 100, leaseUntil: world.clock.now.addingTimeInterval(120))
            #expect(claimed.count == 5)
            #expect(try await world.worker.runOnce() == 0, "leased videos are not taken by another worker")
            world.clock.advance(121)
            #expect(try await world.worker.runOnce() == 5, "the expired lease is the recovery")
            for item in tracked { #expect(try await world.history(item).count == 1) }
            #expect(try await world.worker.runOnce() == 0)
            // The first worker was only slow: its answers arrive after the second worker stored
            // the videos. Its lease is no longer theirs, so nothing is stored twice.
            world.clock.advance(5)
            let late = await world.worker.taker.take(claimed, platform: .tiktok)
            #expect(late.count == 5)
            #expect(late.values.allSatisfy { $0 == .duplicate })
            for item in tracked { #expect(try await world.history(item).count == 1) }
        }
    }

    @Test func roundsInFlightTogetherTakeEveryVideoOnce() async throws {
        try await WorkerWorld.run { world in
            let tracked = try await world.track((0..<230).map { "https://www.youtube.com/watch?v=\(String(format: "rf%09d", $0))" })
            // Small claims so both rounds run many times side by side.
            let worker = SnapshotWorker(taker: world.worker.taker, configuration: .init(claimLimit: 20, lease: 120, idleDelay: .milliseconds(10), roundsInFlight: 2))
            #expect(try await worker.drain() == 230, "each video is taken by exactly one round")
            for item in tracked { #expect(try await world.history(item).count == 1, "\(item.video.externalID)") }
            #expect(world.simulator.state.requests("youtube.videos.list") == 230 / 20 + 1, "one call per claimed batch of 20 (the last has 10)")
            #expect(try await worker.drain() == 0, "nothing is due again right away")
        }
    }

    @Test func privateVideoIsConfirmedTwiceThenUnavailable() async throws {
        let state = SimulatorState()
        state.set(.privateVideo, forIDsContaining: "7300")
        state.set(.deleted, forIDsContaining: "1880")
        try await WorkerWorld.run(state: state) { world in
            let hidden = try await world.track(["https://www.tiktok.com/@a/video/7300000000000000001"])[0]
            let gone = try await world.track(["https://x.com/a/status/18800"])[0]
            try await world.worker.runOnce()
            #expect(try await world.reread(hidden).tracking.status == .monitoring, "one report is not proof")
            world.clock.advance(301)
            try await world.worker.runOnce()
            let confirmed = try await world.reread(hidden)
            #expect(confirmed.tracking.status == .unavailable)
            #expect(confirmed.tracking.statusReason?.contains("private") == true)
            #expect(confirmed.video.nextCheckAt == nil)
            let deleted = try await world.reread(gone)
            #expect(deleted.tracking.status == .unavailable)
            #expect(deleted.tracking.statusReason?.contains("not found") == true)
            let requests = world.simulator.state.requests("tiktok.page")
            world.clock.advance(7200)
            try await world.worker.runOnce()
            #expect(world.simulator.state.requests("tiktok.page") == requests, "no more checks")
        }
    }

    @Test func pauseStopsChecksAndResumeRestartsThem() async throws {
        try await WorkerWorld.run { world in
            let item = try await world.track(["https://www.tiktok.com/@a/video/7400000000000000001"], cadence: .hourly)[0]
            try await world.worker.runOnce()
            _ = try await world.store.updateTracking(id: item.tracking.id, accountID: world.account.id, change: .init(status: .paused), at: world.clock.now)
            world.clock.advance(5 * 3600)
            #expect(try await world.worker.runOnce() == 0)
            _ = try await world.store.updateTracking(id: item.tracking.id, accountID: world.account.id, change: .init(status: .monitoring), at: world.clock.now)
            #expect(try await world.worker.runOnce() == 1, "overdue after resume: checked at once")
            _ = try await world.store.updateTracking(id: item.tracking.id, accountID: world.account.id, change: .init(status: .stopped), at: world.clock.now)
            world.clock.advance(5 * 3600)
            #expect(try await world.worker.runOnce() == 0)
            #expect(try await world.history(item).count == 2)
        }
    }

    @Test func windowEndCompletesTheTracking() async throws {
        try await WorkerWorld.run { world in
            let item = try await world.track(["https://www.tiktok.com/@a/video/7500000000000000001"], cadence: .daily, days: 1)[0]
            try await world.worker.runOnce()
            world.clock.advance(86_400 + 1)
            #expect(try await world.worker.runOnce() == 1, "the closing check, due at the window's end")
            let closed = try await world.reread(item)
            #expect(closed.tracking.status == .completed)
            #expect(closed.video.nextCheckAt == nil)
            let visible = try await world.store.snapshots(videoID: item.video.id, in: closed.tracking.visibleRange, after: nil, limit: 10)
            #expect(visible.count == 2, "the closing snapshot counts")
            world.clock.advance(3600)
            #expect(try await world.worker.runOnce() == 0, "nothing more after the window")
        }
    }

    @Test func retryAfterIsHonouredForTheVideoAndThePlatform() async throws {
        let state = SimulatorState()
        state.set(.rateLimited, forIDsContaining: "7600")
        try await WorkerWorld.run(state: state) { world in
            let limited = try await world.track(["https://www.tiktok.com/@a/video/7600000000000000001"])[0]
            try await world.worker.runOnce()
            let after429 = try await world.reread(limited).video
            #expect(after429.nextCheckAt == world.clock.now.addingTimeInterval(17), "Retry-After: 17")
            #expect(after429.consecutiveFailures == 1)
            #expect(after429.lastError?.contains("rate limited") == true)
            #expect(await world.guards[.tiktok]!.state(at: world.clock.now) == .open(until: world.clock.now.addingTimeInterval(17)))
        }
    }

    @Test func failuresBackOffExponentially() async throws {
        let state = SimulatorState()
        state.set(.serverError, forIDsContaining: "7700")
        try await WorkerWorld.run(state: state) { world in
            let failing = try await world.track(["https://www.tiktok.com/@a/video/7700000000000000001"])[0]
            try await world.worker.runOnce()
            let first = try await world.reread(failing).video
            let firstDelay = first.nextCheckAt!.timeIntervalSince(world.clock.now)
            #expect((48...72).contains(firstDelay), "first retry about a minute later, got \(firstDelay)")
            world.clock.advance(firstDelay + 1)
            try await world.worker.runOnce()
            let second = try await world.reread(failing).video
            let secondDelay = second.nextCheckAt!.timeIntervalSince(world.clock.now)
            #expect(secondDelay > firstDelay, "exponential backoff: \(secondDelay) after \(firstDelay)")
        }
    }

    @Test func circuitBreakerOpensOnABlockedPlatformAndRecovers() async throws {
        let state = SimulatorState()
        state.set(.serverError, forIDsContaining: "78")
        try await WorkerWorld.run(state: state, guardConfiguration: .init(requestsPerMinute: 6000, failureThreshold: 3, cooldown: 600), concurrency: 1) { world in
            _ = try await world.track((0..<5).map { "https://www.tiktok.com/@a/video/780000000000000000\($0)" }, cadence: .hourly)
            try await world.worker.runOnce()
            #expect(world.simulator.state.requests("tiktok.page") == 3, "after 3 failed calls the breaker opens; the other 2 wait")
            guard case .open = await world.guards[.tiktok]!.state(at: world.clock.now) else { Issue.record("breaker should be open"); return }
            world.clock.advance(100)
            try await world.worker.runOnce()
            #expect(world.simulator.state.requests("tiktok.page") == 3, "no calls while open")

            state.clearBehaviors()
            world.clock.advance(600)
            try await world.worker.runOnce()
            #expect(await world.guards[.tiktok]!.state(at: world.clock.now) == .closed, "a good trial call closes it")
            #expect(world.simulator.state.requests("tiktok.page") == 8)
        }
    }

    @Test func slowAndMalformedAnswersDoNotStopTheOthers() async throws {
        let state = SimulatorState()
        state.set(.malformed, forIDsContaining: "7900")
        state.set(.slow, forIDsContaining: "7910")
        try await WorkerWorld.run(state: state) { world in
            let tracked = try await world.track([
                "https://www.tiktok.com/@a/video/7900000000000000001", "https://www.tiktok.com/@a/video/7910000000000000001",
                "https://www.tiktok.com/@a/video/7920000000000000001",
            ])
            try await world.worker.runOnce()
            #expect(try await world.history(tracked[0]).isEmpty)
            #expect(try await world.reread(tracked[0]).video.lastError?.contains("unexpected answer") == true)
            #expect(try await world.history(tracked[1]).count == 1, "slow is still an answer")
            #expect(try await world.history(tracked[2]).count == 1)
        }
    }

    @Test func aBatchIsStoredOnceTheFileIsFreedRatherThanLost() async throws {
        // Another writer holds the file past the store's 5 s busy timeout while a round's
        // answer is in flight: the first store fails as unavailable, and a retry stores it.
        let state = SimulatorState()
        state.set(.slow, forIDsContaining: "79400000")
        try await WorkerWorld.run(state: state) { world in
            let tracked = try await world.track(["https://www.tiktok.com/@a/video/7940000000000000001"])
            let round = Task { try await world.worker.runOnce() }
            while world.simulator.state.requests("tiktok.page") == 0 { try await Task.sleep(for: .milliseconds(2)) }
            let lock = try SQLiteWriteLock(path: world.store.path)
            try await Task.sleep(for: .seconds(6))
            lock.release()
            _ = try await round.value
            let history = try await world.history(tracked[0])
            #expect(history.count == 1, "the snapshot the upstream request paid for is stored, not postponed")
            #expect(try await world.reread(tracked[0]).video.leaseUntil == nil)
        }
    }

    @Test func aSnapshotFetchedAsTheWorkerStopsIsStoredAndNothingElseIsWritten() async throws {
        let state = SimulatorState()
        state.set(.slow, forIDsContaining: "79300000")
        // One batch at a time: the first is answered while the worker stops; the others start
        // after it was told to stop.
        try await WorkerWorld.run(state: state, guardConfiguration: .init(failureThreshold: 1), concurrency: 1) { world in
            let tracked = try await world.track((1...3).map { "https://www.tiktok.com/@a/video/793000000000000000\($0)" })
            let round = Task { try await world.worker.runOnce() }
            while world.simulator.state.requests("tiktok.page") == 0 { try await Task.sleep(for: .milliseconds(5)) }
            round.cancel()
            _ = try? await round.value
            let stored = try await tracked.asyncMap { try await world.history($0).count }
            #expect(stored.reduce(0, +) >= 1, "the answer that arrived is kept")
            for item in tracked where try await world.history(item).isEmpty {
                let video = try await world.reread(item).video
                #expect(video.consecutiveFailures == 0 && video.lastError == nil, "a check cut short is not the video's failure")
                #expect(video.leaseUntil != nil, "its lease stays until it expires")
            }
            #expect(await world.guards[.tiktok]!.state(at: world.clock.now) == .closed, "nor the platform's")
        }
    }
}

extension Sequence where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
