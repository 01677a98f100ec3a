import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import TrendlineProviders
import TrendlineSimulator

/// Runs the platform simulator on a free loopback port for the duration of `body`.
func withSimulator<T: Sendable>(
    _ simulator: PlatformSimulator = PlatformSimulator(),
    _ body: @escaping @Sendable (PlatformSimulator, String) async throws -> T
) async throws -> T {
    let port = Mutex<Int?>(nil)
    var logger = Logger(label: "simulator")
    logger.logLevel = .critical
    let app = Application(
        router: simulator.buildRouter(),
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
        logger: logger)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await app.runService(gracefulShutdownSignals: [])
            return nil
        }
        var bound: Int?
        for _ in 0..<500 {
            bound = port.withLock { $0 }
            if bound != nil { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        guard let bound else { throw SimulatorDidNotStart() }
        let result = try await body(simulator, "http://127.0.0.1:\(bound)")
        group.cancelAll()
        return result
    }
}

struct SimulatorDidNotStart: Error {}

/// One shared HTTP client for the test process.
let sharedUpstream = AsyncHTTPUpstreamClient(timeout: .seconds(5))

/// The repository's scripts folder (for the fake yt-dlp).
let scriptsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts")
