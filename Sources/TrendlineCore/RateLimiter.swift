import Foundation
import Synchronization
import TrendlineDomain
import TrendlineStore

/// Takes tokens from named buckets. With SQLite the buckets live in the process
/// (``InMemoryRateLimiter``); with PostgreSQL in the database (``StoreRateLimiter``), so limits
/// hold across every API node.
public protocol RateLimiter: Sendable {
    /// Takes `cost` from the bucket `name` that allows `limit` per `period` seconds.
    func take(_ name: String, limit: Int, per period: TimeInterval, cost: Int, at date: Date) async throws -> RateTake
}

/// Buckets in this process's memory, behind a lock rather than an actor: every /v1 request
/// takes a token, and an actor made that an executor hop (the request's task suspended onto
/// the actor and back whenever another request held it).
public final class InMemoryRateLimiter: RateLimiter {
    private let buckets = Mutex<[String: TokenBucket]>([:])

    public init() {}

    public func take(_ name: String, limit: Int, per period: TimeInterval, cost: Int, at date: Date) -> RateTake {
        buckets.withLock { buckets in
            var bucket = buckets[name] ?? TokenBucket.limit(limit, per: period, now: date)
            if bucket.capacity != Double(limit) { bucket = TokenBucket.limit(limit, per: period, now: date) }
            let allowed = bucket.take(Double(cost), at: date)
            buckets[name] = bucket
            return RateTake(allowed: allowed, bucket: bucket)
        }
    }
}

/// Buckets in the store, shared by every process that uses it.
public struct StoreRateLimiter: RateLimiter {
    let repository: any TrendlineRepository

    public init(repository: any TrendlineRepository) {
        self.repository = repository
    }

    public func take(_ name: String, limit: Int, per period: TimeInterval, cost: Int, at date: Date) async throws -> RateTake {
        try await repository.takeRateTokens(bucket: name, capacity: Double(limit), refillPerSecond: Double(limit) / period, cost: Double(cost), at: date)
    }
}
