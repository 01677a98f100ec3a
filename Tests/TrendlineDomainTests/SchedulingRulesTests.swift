import Foundation
import Testing
import TrendlineDomain

/// Cadence, next-check planning, windows and status actions: the pure rules the store and the
/// scheduler rely on.
struct SchedulingRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    let hour: TimeInterval = 3600

    @Test func adaptiveCadenceSlowsDownWithAge() {
        #expect(Cadence.adaptive.interval(videoAge: 0) == hour)
        #expect(Cadence.adaptive.interval(videoAge: 47 * hour) == hour)
        #expect(Cadence.adaptive.interval(videoAge: 48 * hour) == 6 * hour)
        #expect(Cadence.adaptive.interval(videoAge: 7 * 24 * hour - 1) == 6 * hour)
        #expect(Cadence.adaptive.interval(videoAge: 7 * 24 * hour) == 24 * hour)
        #expect(Cadence.hourly.interval(videoAge: 100 * 24 * hour) == hour)
        #expect(Cadence.daily.interval(videoAge: 0) == 24 * hour)
        #expect(Cadence.default == .adaptive)
    }

    @Test func adaptiveCadenceFollowsGrowth() {
        let young: TimeInterval = 3600
        #expect(Cadence.adaptive.interval(videoAge: young, growthPerHour: 0.2) == 1800, "fast growth: twice as often, not under 30 min")
        #expect(Cadence.adaptive.interval(videoAge: 3 * 24 * hour, growthPerHour: 0.2) == 3 * hour)
        #expect(Cadence.adaptive.interval(videoAge: 3 * 24 * hour, growthPerHour: 0.0001) == 12 * hour, "flat: half as often")
        #expect(Cadence.adaptive.interval(videoAge: 10 * 24 * hour, growthPerHour: 0) == 24 * hour, "never over a day")
        #expect(Cadence.adaptive.interval(videoAge: 3 * 24 * hour, growthPerHour: 0.01) == 6 * hour)
        #expect(Cadence.hourly.interval(videoAge: 0, growthPerHour: 5) == hour, "only adaptive adapts")
        #expect(NextCheckPlanner.growthPerHour(from: (t0, 1000), to: (t0.addingTimeInterval(2 * hour), 1100)) == 0.05)
        #expect(NextCheckPlanner.growthPerHour(from: (t0, nil), to: (t0.addingTimeInterval(hour), 5)) == nil)
        #expect(NextCheckPlanner.growthPerHour(from: (t0, 0), to: (t0.addingTimeInterval(hour), 5)) == nil)
    }

    @Test func firstCheckIsImmediateThenTheSoonestTrackingWins() {
        let end = t0.addingTimeInterval(30 * 24 * hour)
        let daily = NextCheckPlanner.Need(cadence: .daily, status: .monitoring, windowEnd: end)
        let hourly = NextCheckPlanner.Need(cadence: .hourly, status: .monitoring, windowEnd: end)
        #expect(NextCheckPlanner.nextCheck(lastSnapshotAt: nil, videoBornAt: t0, needs: [daily], now: t0) == t0)
        let last = t0.addingTimeInterval(10)
        #expect(NextCheckPlanner.nextCheck(lastSnapshotAt: last, videoBornAt: t0, needs: [daily], now: last) == last.addingTimeInterval(24 * hour))
        #expect(NextCheckPlanner.nextCheck(lastSnapshotAt: last, videoBornAt: t0, needs: [daily, hourly], now: last) == last.addingTimeInterval(hour))
    }

    @Test func noCheckIsPlannedPastTheLastWindow() {
        let end = t0.addingTimeInterval(30 * 60)
        let need = NextCheckPlanner.Need(cadence: .hourly, status: .monitoring, windowEnd: end)
        #expect(NextCheckPlanner.nextCheck(lastSnapshotAt: t0, videoBornAt: t0, needs: [need], now: t0) == end)
    }

    @Test func noCheckWithoutAnActiveTracking() {
        let end = t0.addingTimeInterval(24 * hour)
        for status in [TrackingStatus.paused, .stopped, .completed, .unavailable] {
            let need = NextCheckPlanner.Need(cadence: .hourly, status: status, windowEnd: end)
            #expect(NextCheckPlanner.nextCheck(lastSnapshotAt: nil, videoBornAt: t0, needs: [need], now: t0) == nil)
        }
        let ended = NextCheckPlanner.Need(cadence: .hourly, status: .monitoring, windowEnd: t0)
        #expect(NextCheckPlanner.nextCheck(lastSnapshotAt: nil, videoBornAt: t0, needs: [ended], now: t0) == nil)
        #expect(NextCheckPlanner.nextCheck(lastSnapshotAt: nil, videoBornAt: t0, needs: [], now: t0) == nil)
    }

    @Test func durationIsOneToThirtyDays() throws {
        #expect(throws: TrackingDurationError.self) { try TrackingDuration(days: 0) }
        #expect(throws: TrackingDurationError.self) { try TrackingDuration(days: 31) }
        #expect(throws: TrackingDurationError.self) { try TrackingDuration(days: -3) }
        #expect(try TrackingDuration(days: 1).days == 1)
        #expect(try TrackingDuration(days: 30).days == 30)
        #expect(TrackingDuration.default.days == 30)
        #expect(TrackingDurationError(days: 31).message.contains("between 1 and 30"))
    }

    @Test func windowCountsDaysRemainingRoundedUp() throws {
        let window = TrackingWindow(start: t0, duration: try TrackingDuration(days: 7))
        #expect(window.end == t0.addingTimeInterval(7 * 24 * hour))
        #expect(window.daysRemaining(at: t0) == 7)
        #expect(window.daysRemaining(at: t0.addingTimeInterval(hour)) == 7)
        #expect(window.daysRemaining(at: t0.addingTimeInterval(6 * 24 * hour + 1)) == 1)
        #expect(window.daysRemaining(at: window.end) == 0)
        #expect(window.daysRemaining(at: window.end.addingTimeInterval(hour)) == 0)
    }

    func tracking(_ status: TrackingStatus, endedAt: Date? = nil) throws -> Tracking {
        Tracking(
            id: UUID(), accountID: UUID(), videoID: 1, platform: .youtube, submittedURL: "u", status: status,
            window: TrackingWindow(start: t0, duration: try TrackingDuration(days: 2)), cadence: .hourly, notes: nil,
            endedAt: endedAt, createdAt: t0, updatedAt: t0)
    }

    @Test func passedWindowReadsAsCompleted() throws {
        let later = t0.addingTimeInterval(3 * 24 * hour)
        #expect(try tracking(.monitoring).effectiveStatus(at: t0) == .monitoring)
        #expect(try tracking(.monitoring).effectiveStatus(at: later) == .completed)
        #expect(try tracking(.paused).effectiveStatus(at: later) == .completed)
        #expect(try tracking(.stopped).effectiveStatus(at: later) == .stopped)
    }

    @Test func visibleRangeEndsWhenStopped() throws {
        let stop = t0.addingTimeInterval(5 * hour)
        #expect(try tracking(.stopped, endedAt: stop).visibleRange == t0...stop)
        let full = try tracking(.monitoring)
        #expect(full.visibleRange == t0...full.window.end.addingTimeInterval(Tracking.closingCheckGrace), "the closing check may run a little late")
    }

    @Test(arguments: [
        (TrackingAction.stop, TrackingStatus.monitoring, TrackingStatus?.some(.stopped)),
        (.stop, .paused, .stopped), (.stop, .stopped, .stopped), (.stop, .completed, nil), (.stop, .unavailable, nil),
        (.pause, .monitoring, .paused), (.pause, .paused, .paused), (.pause, .stopped, nil), (.pause, .completed, nil),
        (.resume, .paused, .monitoring), (.resume, .monitoring, .monitoring), (.resume, .stopped, nil),
        (.resume, .completed, nil), (.resume, .unavailable, nil),
    ])
    func statusActions(action: TrackingAction, from: TrackingStatus, to: TrackingStatus?) throws {
        let result = action.apply(to: try tracking(from), at: t0)
        switch (result, to) {
        case (.success(let status), .some(let expected)): #expect(status == expected)
        case (.failure(let error), nil): #expect(error.message.contains(from.rawValue))
        default: Issue.record("\(action) from \(from): got \(result), expected \(String(describing: to))")
        }
    }

    @Test func resumeAfterTheWindowIsAConflict() throws {
        let result = TrackingAction.resume.apply(to: try tracking(.paused), at: t0.addingTimeInterval(3 * 24 * hour))
        #expect(throws: TrackingActionError.self) { try result.get() }
    }

    @Test func millisecondPrecision() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123_456)
        #expect(date.millisecondsSince1970 == 1_700_000_000_123)
        #expect(date.truncatedToMilliseconds == Date(millisecondsSince1970: 1_700_000_000_123))
    }
}
