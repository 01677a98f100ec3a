import Foundation
import Logging
import TrendlineCore
import TrendlineStore

/// What `trendline check` reports: a node's set-up as `serve` or `worker` would start with it,
/// without starting them. The settings (an invalid one throws, as at start), the database
/// (opened and migrated, as at start), its clock against this node's, and which provider of
/// each platform can run here and why not.
public struct NodeCheck: Sendable {
    /// One line per fact, in order.
    public var lines: [String] = []
    /// What stops the node from working as it should; the command exits 1 when there is any.
    public var problems: [String] = []

    /// Checks the node `settings` describe; throws what `serve` would stop with (a setting, or a
    /// database it cannot open). `clock` is this node's (the system's but in tests).
    public static func run(_ settings: Settings, clock: WallClock = .system) async throws -> NodeCheck {
        let quiet = {
            var logger = Logger(label: "trendline.check")
            logger.logLevel = .critical
            return logger
        }()
        var check = NodeCheck()
        check.lines.append("settings: ok\(settings.warnings.isEmpty ? "" : " (\(settings.warnings.count) warning\(settings.warnings.count == 1 ? "" : "s"))")")
        check.lines += settings.warnings.map { "  warning: \($0)" }
        let found = try await StoreOpener.withStore(settings, logger: quiet) { store in
            var found = NodeCheck()
            found.lines.append("database: \(store.kind) at \(store.location), schema up to date")
            do {
                if let offset = try await ClockOffset.measure(store.repository, clock: clock) {
                    found.lines.append("clock: \(String(format: "%.3f", offset.seconds)) s from the database server's")
                    if let warning = offset.warning(lease: settings.workerConfiguration.lease) { found.problems.append(warning) }
                } else {
                    found.lines.append("clock: this machine's (SQLite has no other)")
                }
            } catch {
                found.problems.append("the database server's clock could not be read: \(error)")
            }
            let snapshots = try SnapshotRuntime(repository: store.repository, settings: settings.providers, clock: clock, logger: quiet)
            found.lines.append("providers:")
            for status in snapshots.providerStatus {
                let state = status.unavailableReason.map { "unavailable: \($0)" } ?? "ready"
                found.lines.append("  \(status.platform.rawValue) \(status.name): \(state)")
            }
            try await snapshots.client.shutdown()
            return found
        }
        check.lines += found.lines
        check.problems += found.problems
        return check
    }
}
