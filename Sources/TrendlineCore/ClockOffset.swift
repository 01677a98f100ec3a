import Foundation
import Synchronization
import TrendlineStore

/// How far the database server's clock is from this node's: the server's time less the middle
/// of the round trip that read it, in seconds (positive: the server is ahead).
///
/// Nodes sharing a PostgreSQL server set and compare leases and due times on their own clocks;
/// a worker whose clock runs more than a lease ahead takes videos another worker is still
/// checking. Every node reads the same server, so each one's offset from it says how far apart
/// the nodes are: `serve` and `worker` say so past ``tolerance`` at start and every hour, and
/// `/health` and `/metrics` show it.
public struct ClockOffset: Sendable, Equatable {
    /// Seconds the server's clock is ahead of this node's (behind when negative).
    public let seconds: TimeInterval

    /// Clocks kept by NTP are milliseconds apart; past this, a node's clock is not kept, well
    /// before it is a lease (5 minutes) off.
    public static let tolerance: TimeInterval = 10

    public init(seconds: TimeInterval) {
        self.seconds = seconds
    }

    /// The offset of `repository`'s server from `clock`; `nil` when the store has no clock of
    /// its own (SQLite).
    public static func measure(_ repository: any TrendlineRepository, clock: WallClock = .system) async throws -> ClockOffset? {
        try await measure(now: { clock.now }, serverTime: { try await repository.serverTime() })
    }

    /// ``measure(_:clock:)`` given at most `limit`; `nil` past it or on an error. For
    /// `/metrics`, whose scrape must not wait out a database that does not answer: the other
    /// metrics matter most then. A statement already sent cannot be recalled (the repository
    /// waits for the server's `statement_timeout`), so a late read is left to finish on its
    /// own rather than awaited.
    public static func measure(_ repository: any TrendlineRepository, clock: WallClock = .system, within limit: Duration) async -> ClockOffset? {
        await measure(within: limit, now: { clock.now }, serverTime: { try await repository.serverTime() })
    }

    static func measure(
        within limit: Duration, now: @escaping @Sendable () -> Date, serverTime: @escaping @Sendable () async throws -> Date?
    ) async -> ClockOffset? {
        let answer = FirstAnswer<ClockOffset?>()
        return await withCheckedContinuation { continuation in
            answer.await(continuation)
            let reading = Task { answer.give(try? await measure(now: now, serverTime: serverTime)) }
            Task {
                try? await Task.sleep(for: limit)
                reading.cancel()
                answer.give(nil)
            }
        }
    }

    /// The offset read by `serverTime`, against `now` read before and after it.
    static func measure(now: () -> Date, serverTime: () async throws -> Date?) async throws -> ClockOffset? {
        let before = now()
        guard let server = try await serverTime() else { return nil }
        let after = now()
        let middle = before.addingTimeInterval(after.timeIntervalSince(before) / 2)
        return ClockOffset(seconds: server.timeIntervalSince(middle))
    }

    /// What an operator is told when this node's clock is more than ``tolerance`` from the
    /// server's; `nil` within it. `lease` is how long a worker holds the videos it checks.
    public func warning(lease: TimeInterval) -> String? {
        guard abs(seconds) > Self.tolerance else { return nil }
        let distance = String(format: "%.1f", abs(seconds))
        let side = seconds > 0 ? "behind" : "ahead of"
        return "this node's clock is \(distance) s \(side) the database server's: nodes set and compare due times and leases "
            + "(\(Int(lease)) s) on their own clocks, and a worker ahead of another by more than a lease checks the videos the other "
            + "is still checking; keep every node's clock synchronized (NTP)"
    }
}

/// A continuation resumed by the first of several racers to answer; the others are ignored.
private final class FirstAnswer<Value: Sendable>: Sendable {
    private let waiting = Mutex<CheckedContinuation<Value, Never>?>(nil)

    func await(_ continuation: CheckedContinuation<Value, Never>) {
        waiting.withLock { $0 = continuation }
    }

    func give(_ value: Value) {
        waiting.withLock { $0.take() }?.resume(returning: value)
    }
}
