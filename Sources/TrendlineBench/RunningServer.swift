import Foundation
import Hummingbird
import Synchronization

/// Runs a Hummingbird application on a free loopback port while `body` runs.
func withRunningServer<T: Sendable>(
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
            throw BenchError("a server did not start")
        }
        defer { group.cancelAll() }
        return try await body(bound)
    }
}
