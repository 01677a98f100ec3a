import Foundation
import GRDB
import Synchronization

/// Read-only connections for the reads every API request makes (key with account, tracked
/// video), run on the calling thread.
///
/// Why not the pool's readers: an async read hops to GRDB's queues and back, a large share of a
/// GET's cost, and a read that blocked its thread for one of the pool's readers could starve
/// Swift's cooperative pool (as many threads as cores) while async reads held those readers
/// and needed one of the blocked threads to finish (``ReaderStarvationTests``). These
/// connections are only ever used synchronously and never across a suspension, so whoever
/// holds one is running: none is waited for. One is taken from the idle ones, or opened when
/// none is idle, so there are at most as many as threads that read at once.
///
/// Each statement runs outside an explicit transaction: its own consistent read, which is all
/// these reads need (one statement, or a key and then its account: an account deleted in
/// between reads as none, and the key is refused).
final class RequestReaders: Sendable {
    private let path: String
    private let idle = Mutex<[DatabaseQueue]>([])

    init(path: String) {
        self.path = path
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? open()
        defer { idle.withLock { $0.append(connection) } }
        return try connection.unsafeRead(body)
    }

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
