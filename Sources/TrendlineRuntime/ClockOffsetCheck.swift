import Foundation
import Logging
import TrendlineCore
import TrendlineStore

/// Reads the shared database's clock and warns when this node's is more than
/// ``ClockOffset/tolerance`` from it (PostgreSQL only; SQLite has no other clock): at a node's
/// start and then every so often, as ``ClockOffsetWatch`` runs it.
public enum ClockOffsetCheck {
    /// Logs the warning, if any, and returns it; a failed read is logged and passed over, as
    /// the node runs either way. `clock` is this node's (the system's but in tests).
    @discardableResult
    public static func check(_ repository: any TrendlineRepository, lease: TimeInterval, logger: Logger, clock: WallClock = .system) async -> String? {
        do {
            guard let offset = try await ClockOffset.measure(repository, clock: clock) else { return nil }
            logger.debug("database clock offset", metadata: ["seconds": .stringConvertible(offset.seconds)])
            guard let warning = offset.warning(lease: lease) else { return nil }
            logger.warning("\(warning)")
            return warning
        } catch {
            logger.debug("could not read the database server's clock: \(error)")
            return nil
        }
    }
}
