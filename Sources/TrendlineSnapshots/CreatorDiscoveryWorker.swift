import Foundation
import Logging
import ServiceLifecycle
import TrendlineCore

/// Runs ``CreatorDiscovery`` beside the snapshot worker: checks the creators that are due,
/// then waits a little when none are. Failed rounds back off as the worker's do
/// (``FailureBackoff``).
public struct CreatorDiscoveryWorker: Service {
    public let discovery: CreatorDiscovery
    /// Wait between rounds when nothing is due (real time).
    public var idleDelay: Duration = .seconds(5)
    let logger: Logger

    public init(discovery: CreatorDiscovery, logger: Logger = Logger(label: "trendline.discovery")) {
        self.discovery = discovery
        self.logger = logger
    }

    public func run() async throws {
        var failures = FailureStreak(idle: idleDelay, what: "discovery round", logger: logger)
        while !Task.isCancelledOrShuttingDown {
            let done: Int
            do {
                done = try await discovery.runOnce()
                failures.succeeded()
            } catch where Task.isCancelled {
                break  // stopped mid-round: the round's error is the cancellation, not a failure
            } catch {
                await failures.failed(error)
                continue
            }
            if done == 0 { try? await Task.sleep(for: idleDelay) }
        }
    }
}
