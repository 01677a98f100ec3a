import Foundation
import GRDB
import TrendlineSnapshots
import TrendlineStore

/// Drives the real worker round by round (claim -> provider -> store) and reads what it stored
/// straight from the SQLite file, so every figure is checked against the rows on disk.
struct SnapshotRounds {
    let world: BenchWorld
    var configuration = SnapshotWorker.Configuration()

    /// Runs worker rounds until nothing is due; returns the real seconds it took.
    func drain() async throws -> Double {
        let worker = world.runtime.worker(configuration: configuration)
        let start = ContinuousClock.now
        while try await worker.runOnce() > 0 {}
        return (ContinuousClock.now - start).seconds
    }

    /// Rows in the snapshots table.
    func snapshotCount() throws -> Int {
        try reader().read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshots") ?? 0 }
    }

    /// A read-only connection to the world's file.
    func reader() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: world.databasePath, configuration: configuration)
    }
}
