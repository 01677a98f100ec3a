import Foundation
import Testing
@testable import TrendlineCore

/// The database server's clock against this node's (``ClockOffset``).
struct ClockOffsetTests {
    /// A clock that moves on by `step` each time it is read.
    final class SteppingClock: @unchecked Sendable {
        var time: Date
        let step: TimeInterval
        init(_ time: Date, step: TimeInterval) {
            self.time = time
            self.step = step
        }
        func read() -> Date {
            defer { time = time.addingTimeInterval(step) }
            return time
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func theOffsetIsTakenFromTheMiddleOfTheRoundTrip() async throws {
        // Read at t0 and t0 + 2 s: the server's answer is taken as of t0 + 1 s.
        let clock = SteppingClock(Self.t0, step: 2)
        let offset = try await ClockOffset.measure(now: clock.read, serverTime: { Self.t0.addingTimeInterval(61) })
        #expect(offset == ClockOffset(seconds: 60))
        let behind = try await ClockOffset.measure(now: SteppingClock(Self.t0, step: 0).read, serverTime: { Self.t0.addingTimeInterval(-42.5) })
        #expect(behind == ClockOffset(seconds: -42.5))
        #expect(try await ClockOffset.measure(now: clock.read, serverTime: { nil }) == nil, "no server clock (SQLite), no offset")
    }

    @Test func aBoundedReadGivesUpOnAServerThatDoesNotAnswerWithoutWaitingForIt() async throws {
        // A read that ignores cancellation, as a statement already sent does.
        let started = ContinuousClock.now
        let unanswered = await ClockOffset.measure(within: .milliseconds(200), now: { Self.t0 }, serverTime: {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + 20) { continuation.resume() }
            }
            return Self.t0
        })
        #expect(unanswered == nil)
        #expect(ContinuousClock.now - started < .seconds(10), "not awaited: \(ContinuousClock.now - started)")
        let answered = await ClockOffset.measure(within: .seconds(60), now: { Self.t0 }, serverTime: { Self.t0.addingTimeInterval(3) })
        #expect(answered == ClockOffset(seconds: 3))
        let failed = await ClockOffset.measure(within: .seconds(60), now: { Self.t0 }, serverTime: { throw CancellationError() })
        #expect(failed == nil)
    }

    @Test func aNodeOffByMoreThanTheToleranceIsToldWhichWayAndWhatItCosts() throws {
        #expect(ClockOffset(seconds: 0.004).warning(lease: 300) == nil)
        #expect(ClockOffset(seconds: ClockOffset.tolerance).warning(lease: 300) == nil)
        #expect(ClockOffset(seconds: -ClockOffset.tolerance).warning(lease: 300) == nil)
        let slow = try #require(ClockOffset(seconds: 75).warning(lease: 300))
        #expect(slow.hasPrefix("this node's clock is 75.0 s behind the database server's"), "\(slow)")
        #expect(slow.contains("(300 s)") && slow.contains("NTP"))
        let fast = try #require(ClockOffset(seconds: -400.25).warning(lease: 120))
        #expect(fast.hasPrefix("this node's clock is 400.2 s ahead of the database server's") || fast.hasPrefix("this node's clock is 400.3 s ahead of the database server's"), "\(fast)")
        #expect(fast.contains("(120 s)"))
    }
}
