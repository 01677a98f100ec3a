import Foundation
import Synchronization

/// The message of the last write that failed for a reason of the machine's (a full disk), and
/// when: what `/health` reports for a minute (``TrendlineRepository/writeProblem()``).
public final class RecentWriteProblem: Sendable {
    private let state = Mutex<(message: String, at: Date)?>(nil)
    /// How long a failure is reported.
    public static let reportedFor: TimeInterval = 60

    public init() {}

    public func record(_ message: String, at now: Date = Date()) { state.withLock { $0 = (message, now) } }

    public func recent(now: Date = Date()) -> String? {
        state.withLock { problem in
            guard let problem, now.timeIntervalSince(problem.at) < Self.reportedFor else { return nil }
            return problem.message
        }
    }
}
