import Foundation
import GRDB
import TrendlineSnapshots
import TrendlineStore

/// Drives the real worker round by round (claim -> provider -> store) and reads what it stored
/// straight from the SQLite file, so every figure is checked against the rows on disk.
struct SnapshotRounds {
    let world: BenchWorld
    /// Two rounds in flight (TRENDLINE_WORKER_ROUNDS=2): YouTube rounds of 50-id batches end
    /// far inside the lease, which is what makes the option safe.
    var configuration = SnapshotWorker.Configuration(roundsInFlight: 2)
    /// A read-only connection to the world's file, opened once.
    let reader: DatabaseQueue

    init(world: BenchWorld) throws {
        self.world = world
        var readOnly = Configuration()
        readOnly.readonly = true
        readOnly.busyMode = .timeout(10)
        reader = try DatabaseQueue(path: world.databasePath, configuration: readOnly)
    }

    /// Runs worker rounds (as many in flight as the worker runs) until nothing is due; returns
    /// the real seconds it took.
    func drain() async throws -> Double {
        let worker = world.runtime.worker(configuration: configuration)
        let start = ContinuousClock.now
        try await worker.drain()
        return (ContinuousClock.now - start).seconds
    }

    /// Rows in the snapshots table.
    func snapshotCount() throws -> Int {
        try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshots") ?? 0 }
    }
}
