import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

extension PlatformSimulator {
    /// The simulator as a Hummingbird application on `host:port` (port 0 picks a free one and
    /// reports it through `onRunning`).
    public func application(host: String = "127.0.0.1", port: Int, logger: Logger, onRunning: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: "trendline-simulator"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Runs the simulator on a free loopback port while `body` runs, and passes it its base URL.
    public func withRunningServer<T: Sendable>(_ body: @escaping @Sendable (String) async throws -> T) async throws -> T {
        var logger = Logger(label: "trendline.simulator")
        logger.logLevel = .critical
        let quiet = logger
        return try await withServerOnFreePort({ onRunning in application(port: 0, logger: quiet, onRunning: onRunning) }) { port in
            try await body("http://127.0.0.1:\(port)")
        }
    }
}

/// Runs the application `makeApplication` builds (on port 0, reporting the bound port through
/// `onRunning`) while `body` runs with that port; stops it when `body` returns. The simulator,
/// tests and the bench start their loopback servers this way.
public func withServerOnFreePort<T: Sendable>(
    _ makeApplication: @escaping @Sendable (_ onRunning: @escaping @Sendable (Int) -> Void) -> some ApplicationProtocol,
    _ body: @escaping @Sendable (Int) async throws -> T
) async throws -> T {
    let port = Mutex<Int?>(nil)
    let app = makeApplication { bound in port.withLock { $0 = bound } }
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await app.runService(gracefulShutdownSignals: [])
            return nil
        }
        var bound: Int?
        for _ in 0..<1000 {
            bound = port.withLock { $0 }
            if bound != nil { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        guard let bound else {
            group.cancelAll()
            throw SimulatorDidNotStart()
        }
        defer { group.cancelAll() }
        return try await body(bound)
    }
}

/// The simulator's server did not report a port in time.
public struct SimulatorDidNotStart: Error {}
