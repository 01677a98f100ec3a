import Foundation
import TrendlineProviders
import TrendlineSimulator

/// Runs `simulator` on a free loopback port for the duration of `body`.
func withSimulator<T: Sendable>(
    _ simulator: PlatformSimulator = PlatformSimulator(clock: { frozenNow }),
    _ body: @escaping @Sendable (PlatformSimulator, String) async throws -> T
) async throws -> T {
    try await simulator.withRunningServer { base in try await body(simulator, base) }
}

/// Provider tests freeze the simulator's clock so counts do not move between fetch and check.
let frozenNow = Date(timeIntervalSince1970: 1_790_000_000)

/// One shared HTTP client for the test process.
let sharedUpstream = AsyncHTTPUpstreamClient(timeout: .seconds(30))

/// The repository's scripts folder (for the fake yt-dlp).
let scriptsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts")
