/// How long a background loop (the snapshot worker, the webhook sender) waits before its next
/// round after failed rounds in a row: its idle delay, doubled with each further failure, up to
/// ``ceiling`` (or the idle delay, if longer). A store that cannot write (a full disk) or answer
/// fails every round; retrying at the idle delay wrote a warning a second per loop.
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
