import ServiceLifecycleTestKit

/// Times a background loop (the worker, the webhook sender, creator discovery) for the tests of
/// its backoff: how long it takes to fail a number of rounds, and to stop on a graceful shutdown.
public enum LoopTiming {
    /// Starts `run`, waits until `failures()` reaches `count` (30 s at most), cancels it, and
    /// answers how long the failures took.
    public static func untilFailures(
        _ count: Int, _ failures: @escaping @Sendable () -> Int, running run: @escaping @Sendable () async throws -> Void
    ) async throws -> Duration {
        let started = ContinuousClock.now
        let running = Task { try await run() }
        let deadline = started + .seconds(30)
        while failures() < count && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        let elapsed = ContinuousClock.now - started
        running.cancel()
        _ = try? await running.value
        return elapsed
    }

    /// Starts `run`, asks for a graceful shutdown half a second later, and answers how long it
    /// took `run` to return.
    public static func untilStoppedGracefully(running run: @escaping @Sendable () async throws -> Void) async throws -> Duration {
        try await testGracefulShutdown { shutdown in
            let started = ContinuousClock.now
            let running = Task { try await run() }
            try await Task.sleep(for: .milliseconds(500))
            shutdown.triggerGracefulShutdown()
            try await running.value
            return ContinuousClock.now - started
        }
    }
}
