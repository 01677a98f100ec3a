import Foundation
import Logging
import ServiceLifecycle
import TrendlineCore
import TrendlineStore

/// Checks this node's clock against the shared database's as the node starts and then every
/// ``interval`` while it runs (``ClockOffsetCheck``): a machine NTP does not keep drifts by
/// seconds a day, long after the start. A worker without `--health-port` has no `/health` or
/// `/metrics` to show the offset, so its log is where the drift is told. For PostgreSQL stores
/// only: it runs until the node shuts down, as a service of its group that ended early would
/// end the group.
public struct ClockOffsetWatch: Service {
    public static let defaultInterval: Duration = .seconds(3600)

    let repository: any TrendlineRepository
    let lease: TimeInterval
    let logger: Logger
    let interval: Duration
    let clock: WallClock

    public init(repository: any TrendlineRepository, lease: TimeInterval, logger: Logger, interval: Duration = defaultInterval, clock: WallClock = .system) {
        self.repository = repository
        self.lease = lease
        self.logger = logger
        self.interval = interval
        self.clock = clock
    }

    public func run() async throws {
        while true {
            await ClockOffsetCheck.check(repository, lease: lease, logger: logger, clock: clock)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
