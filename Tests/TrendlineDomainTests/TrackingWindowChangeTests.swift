import Foundation
import Testing
import TrendlineDomain

/// Lengthening, shortening and re-pacing a tracking (`PATCH /v1/videos/{id}` with
/// `duration_days`, `cadence`): the pure rule.
struct TrackingWindowChangeTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)
    static let day: TimeInterval = 86_400

    func tracking(days: Int = 7, status: TrackingStatus = .monitoring, cadence: Cadence = .hourly, price: Money = .zero, floor: TimeInterval = 0) throws -> Tracking {
        Tracking(
            id: UUID(), accountID: UUID(), videoID: 1, platform: .tiktok, submittedURL: "u", status: status,
            window: TrackingWindow(start: Self.start, duration: try TrackingDuration(days: days)), cadence: cadence, notes: nil,
            endedAt: status == .monitoring ? nil : Self.start.addingTimeInterval(Double(days) * Self.day),
            createdAt: Self.start, updatedAt: Self.start,
            terms: TrackingTerms(minimumInterval: floor, pricePerSnapshot: price, estimatedCost: price * 168))
    }

    @Test func aRunningWeekIsLengthenedFromTheSameStartAndReestimatedAtItsOwnPrice() throws {
        let week = try tracking(price: Money(decimal: "0.01")!)
        let change = try week.changingWindow(duration: try TrackingDuration(days: 30), cadence: nil, at: Self.start.addingTimeInterval(3 * Self.day)).get()
        #expect(change.window.start == Self.start && change.window.end == Self.start.addingTimeInterval(30 * Self.day))
        #expect(change.cadence == .hourly && !change.reopens && change.decidedFrom == .monitoring)
        #expect(change.estimatedCost == Money(decimal: "0.01")! * 720, "30 days hourly at the tracking's own price")
        let changed = change.applied(to: week)
        #expect(changed.window.duration.days == 30 && changed.status == .monitoring && changed.terms.estimatedCost == change.estimatedCost)
    }

    @Test func aCompletedTrackingLengthenedMonitorsAgain() throws {
        let done = try tracking(status: .completed)
        let now = Self.start.addingTimeInterval(10 * Self.day)
        let change = try done.changingWindow(duration: try TrackingDuration(days: 14), cadence: .daily, at: now).get()
        #expect(change.reopens && change.cadence == .daily)
        let changed = change.applied(to: done)
        #expect(changed.status == .monitoring && changed.endedAt == nil && changed.isActive(at: now))
        #expect(!done.isActive(at: now) && done.hold(at: now) == .zero)
        #expect(done.changingWindow(duration: nil, cadence: .daily, at: now) == .failure(.ended(.completed)), "a cadence alone cannot reopen it")
    }

    @Test func windowsThatWouldEndBeforeNowAreRefusedWithTheShortestThatWouldNot() throws {
        let month = try tracking(days: 30)
        let now = Self.start.addingTimeInterval(9.5 * Self.day)
        let refusal = month.changingWindow(duration: try TrackingDuration(days: 7), cadence: nil, at: now)
        #expect(refusal == .failure(.endsBeforeNow(start: Self.start, shortestDays: 10)))
        if case .failure(let error) = refusal { #expect(error.field == "duration_days" && error.message.contains("at least 10")) }
        #expect((try? month.changingWindow(duration: try TrackingDuration(days: 10), cadence: nil, at: now).get()) != nil)
        let old = try tracking(status: .completed)
        #expect(old.changingWindow(duration: try TrackingDuration(days: 30), cadence: nil, at: Self.start.addingTimeInterval(31 * Self.day))
                == .failure(.endsBeforeNow(start: Self.start, shortestDays: nil)))
    }

    @Test func endedTrackingsAndCadencesUnderTheFloorAreRefused() throws {
        for status in [TrackingStatus.stopped, .unavailable] {
            #expect(try tracking(status: status).changingWindow(duration: try TrackingDuration(days: 30), cadence: nil, at: Self.start) == .failure(.ended(status)))
        }
        let floored = try tracking(cadence: .daily, floor: 6 * 3600)
        #expect(floored.changingWindow(duration: nil, cadence: .hourly, at: Self.start) == .failure(.cadenceBelowFloor(.hourly, minimumInterval: 6 * 3600)))
        #expect((try? floored.changingWindow(duration: nil, cadence: .adaptive, at: Self.start).get())?.cadence == .adaptive, "adaptive is slowed to the floor instead")
        let paused = try tracking(status: .paused, price: Money(decimal: "0.01")!)
        let change = try paused.changingWindow(duration: nil, cadence: .daily, at: Self.start).get()
        #expect(change.window == paused.window && change.estimatedCost == Money(decimal: "0.01")! * 7 && !change.reopens)
        #expect(paused.hold(at: Self.start) == Money(decimal: "1.68"), "its estimate while active")
    }
}
