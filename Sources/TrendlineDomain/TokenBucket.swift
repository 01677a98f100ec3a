import Foundation

/// A token bucket: holds at most `capacity` tokens, refills continuously at `refillPerSecond`,
/// and a request takes `cost` tokens when there are enough. Pure; the store or an actor keeps
/// its state.
public struct TokenBucket: Sendable, Hashable {
    public let capacity: Double
    public let refillPerSecond: Double
    public private(set) var tokens: Double
    public private(set) var updatedAt: Date

    /// A full bucket.
    public init(capacity: Double, refillPerSecond: Double, now: Date) {
        self.init(capacity: capacity, refillPerSecond: refillPerSecond, tokens: capacity, updatedAt: now)
    }

    public init(capacity: Double, refillPerSecond: Double, tokens: Double, updatedAt: Date) {
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.tokens = min(capacity, tokens)
        self.updatedAt = updatedAt
    }

    /// A limit of `count` per `period` seconds: capacity `count`, refilled evenly over the period.
    public static func limit(_ count: Int, per period: TimeInterval, now: Date) -> TokenBucket {
        TokenBucket(capacity: Double(count), refillPerSecond: Double(count) / period, now: now)
    }

    /// Refills for the time since the last update, then takes `cost` tokens if there are
    /// enough. Returns whether it did.
    public mutating func take(_ cost: Double, at now: Date) -> Bool {
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        tokens = min(capacity, tokens + elapsed * refillPerSecond)
        updatedAt = max(updatedAt, now)
        guard tokens >= cost else { return false }
        tokens -= cost
        return true
    }

    /// Whole tokens left.
    public var remaining: Int { Int(tokens.rounded(.down)) }

    /// Seconds until `cost` tokens are there (0 when they are).
    public func secondsUntil(_ cost: Double) -> TimeInterval {
        guard tokens < cost, refillPerSecond > 0 else { return 0 }
        return (cost - tokens) / refillPerSecond
    }

    /// Seconds until the bucket is full again.
    public var secondsUntilFull: TimeInterval {
        refillPerSecond > 0 ? (capacity - tokens) / refillPerSecond : 0
    }
}
