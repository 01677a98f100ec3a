import Logging
import ServiceLifecycle

/// How long a background loop (the snapshot worker, the webhook sender, creator discovery)
/// waits before its next round after failed rounds in a row: its idle delay, doubled with each
/// further failure, up to ``ceiling`` (or the idle delay, if longer). A store that cannot write
/// (a full disk) or answer fails every round; retrying at the idle delay wrote a warning a
/// second per loop.
public enum FailureBackoff {
    public static let ceiling: Duration = .seconds(30)

    /// The wait after `failures` (at least 1) failed rounds in a row.
    public static func delay(afterFailures failures: Int, idle: Duration) -> Duration {
        let ceiling = max(idle, Self.ceiling)
        var wait = idle
        for _ in 1..<max(1, failures) where wait < ceiling { wait *= 2 }
        return min(wait, ceiling)
    }
}

/// A loop's failed rounds in a row: each is logged as `<what> failed; retrying` with its count
/// and the wait, and waited out (``FailureBackoff``). A graceful shutdown or cancellation ends
/// the wait: the longest is 30 s, systemd's whole stop timeout.
public struct FailureStreak: Sendable {
    public private(set) var count = 0
    let idle: Duration
    let what: String
    let logger: Logger

    public init(idle: Duration, what: String, logger: Logger) {
        self.idle = idle
        self.what = what
        self.logger = logger
    }

    /// A round succeeded: the next failure waits the idle delay again.
    public mutating func succeeded() {
        count = 0
    }

    /// A round failed with `error`: logs it and waits.
    public mutating func failed(_ error: any Error) async {
        count += 1
        let wait = FailureBackoff.delay(afterFailures: count, idle: idle)
        logger.warning("\(what) failed; retrying", metadata: ["error": "\(error)", "failures_in_a_row": "\(count)", "retry_in": "\(wait)"])
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
    }
}
