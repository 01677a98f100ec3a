import Foundation
import Synchronization

/// The YouTube Data API keys a provider calls with, taken round-robin. A key whose daily quota
/// is spent (YouTube's `quotaExceeded`) is set aside until YouTube resets quotas, at midnight
/// Pacific time, so the other keys carry the calls instead of every other call failing and
/// backing the whole platform off; only when every key is spent are calls refused, with the
/// time left until the reset.
///
/// Why it matters: a key holds 10,000 units a day by default and `videos.list` costs one per
/// 50 videos, so a million videos checked hourly need some fifty keys, and they run out at
/// different times.
public final class YouTubeAPIKeys: Sendable {
    public let keys: [String]
    private let state = Mutex(State())

    struct State {
        var next = 0
        var spentUntil: [String: Date] = [:]
    }

    public init(_ keys: [String]) {
        self.keys = keys.filter { !$0.isEmpty }
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// The next key not spent at `now`, round-robin; `nil` when every key is spent.
    public func next(at now: Date) -> String? {
        state.withLock { state in
            for _ in keys.indices {
                let key = keys[state.next % keys.count]
                state.next = (state.next + 1) % keys.count
                if let until = state.spentUntil[key], until > now { continue }
                state.spentUntil[key] = nil
                return key
            }
            return nil
        }
    }

    /// `key` has spent its quota for the day: it is skipped until the next reset after `now`.
    public func markSpent(_ key: String, at now: Date) {
        state.withLock { $0.spentUntil[key] = Self.quotaReset(after: now) }
    }

    /// Seconds from `now` until a spent key comes back (the earliest reset among them).
    public func secondsUntilAKeyReturns(at now: Date) -> TimeInterval {
        state.withLock { state in
            max(0, (state.spentUntil.values.filter { $0 > now }.min() ?? now).timeIntervalSince(now))
        }
    }

    /// The next midnight in America/Los_Angeles after `now`: when YouTube resets daily quotas.
    public static func quotaReset(after now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Los_Angeles") ?? TimeZone(secondsFromGMT: -8 * 3600)!
        let startOfDay = calendar.startOfDay(for: now)
        return calendar.date(byAdding: .day, value: 1, to: startOfDay) ?? now.addingTimeInterval(86_400)
    }
}
