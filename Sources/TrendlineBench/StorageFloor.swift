import Foundation
import GRDB
import TrendlineSQLite

/// The pipeline's own writes with nothing around them: how fast the target could be met at all.
///
/// In a page-for-page copy of the pipeline's file taken before a round, it replays what the
/// round wrote, with the store's own statements (``CheckWriteSQL``) bound through SQLite's C
/// API, as the store binds them: claims of 500 (the lease insert over the due index), then per
/// provider batch of 50, one transaction: each snapshot's insert and its video's update, and the
/// batch's lease release. Left out, so the figure is a floor under the pipeline's cost: every
/// read (the claimed rows, the batch's video rows and trackings), the upstream call and its
/// parse, and the store's decisions in Swift. The values bound are the ones the round stored
/// (counts, times, next check and metadata, read back from the pipeline's file).
enum StorageFloor {
    /// A copy of the file at `source`, as it stands now, in `directory`; the caller removes it
    /// with ``remove(_:)``.
    static func copy(of source: DatabaseQueue, into directory: String) throws -> String {
        let path = directory + "/floor-\(UUID().uuidString.prefix(8)).sqlite"
        let destination = try DatabaseQueue(path: path)
        try source.backup(to: destination)
        try destination.close()
        return path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Replays in the copy at `path` the checks stored in `source` since `since` (claimed at
    /// `claimedAt` with leases until `leaseUntil`, in claims of `claimLimit` and transactions of
    /// `batch`); returns the rows written per second and how many rows that was.
    static func rowsPerSecond(
        replayingInto path: String, from source: DatabaseQueue, since: Int64, claimedAt: Int64, leaseUntil: Int64, claimLimit: Int, batch: Int
    ) throws -> (rate: Double, rows: Int) {
        let stored = try source.read { db in try StoredCheck.all(since: since, db: db) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true  // as the store's connection has it
        let pool = try DatabasePool(path: path, configuration: configuration)
        defer { try? pool.close() }
        var written = 0
        let start = ContinuousClock.now
        while true {
            let claimed = try pool.write { db in
                try Int64.fetchAll(
                    db.cachedStatement(sql: CheckWriteSQL.claimLeases), arguments: [leaseUntil, claimedAt, claimedAt, claimLimit])
            }
            if claimed.isEmpty { break }
            // Each replayed video's next check is after the claim, so none is claimed twice; a
            // replay that claims more than the round stored would otherwise never end.
            guard written + claimed.count <= stored.count else {
                throw BenchError("storage floor claimed more checks than the round stored: a replayed video stayed due")
            }
            for first in stride(from: 0, to: claimed.count, by: batch) {
                let ids = Array(claimed[first..<min(first + batch, claimed.count)])
                try pool.write { db in
                    for id in ids {
                        guard let check = stored[id] else { throw BenchError("storage floor: video \(id) was claimed but the round stored no snapshot of it") }
                        try check.write(db: db)
                    }
                    try db.cachedStatement(sql: CheckWriteSQL.releaseLeases).execute(arguments: [CheckWriteSQL.idArray(ids)])
                }
                written += ids.count
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard written == stored.count else { throw BenchError("storage floor replayed \(written) checks, the round stored \(stored.count)") }
        return (Double(written) / seconds, written)
    }
}

/// One check as the round stored it: the snapshot row, and what the video's row was set to.
private struct StoredCheck {
    let snapshot: [Int64?]  // video_id, taken_at, views, likes, comments, shares, saves, provider_id
    let nextCheckAt: Int64?
    let title: String?
    let author: String?
    let publishedAt: Int64?
    let thumbnailURL: String?

    /// The round's snapshots by video, with their videos' rows as the round left them.
    static func all(since: Int64, db: Database) throws -> [Int64: StoredCheck] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.video_id, s.taken_at, s.views, s.likes, s.comments, s.shares, s.saves, s.provider_id,
                    v.next_check_at, v.title, v.author, v.published_at, v.thumbnail_url
                FROM snapshots s JOIN videos v ON v.id = s.video_id WHERE s.taken_at >= ?
                """,
            arguments: [since])
        var checks: [Int64: StoredCheck] = [:]
        for row in rows {
            let check = StoredCheck(
                snapshot: (0..<8).map { row[$0] as Int64? }, nextCheckAt: row[8], title: row[9], author: row[10], publishedAt: row[11],
                thumbnailURL: row[12])
            guard let id = check.snapshot[0], checks.updateValue(check, forKey: id) == nil else {
                throw BenchError("storage floor: the round stored two snapshots of one video")
            }
        }
        return checks
    }

    /// The snapshot's insert and the video's update, as the store binds them.
    func write(db: Database) throws {
        let insert = DirectStatement(try db.cachedStatement(sql: CheckWriteSQL.insertSnapshot), db: db)
        for (index, value) in snapshot.enumerated() { insert.bind(value, at: index + 1) }
        try insert.execute()
        let update = DirectStatement(try db.cachedStatement(sql: CheckWriteSQL.updateNewestVideo), db: db)
        update.bind(nextCheckAt, at: 1)
        update.bind(title, at: 2)
        update.bind(author, at: 3)
        update.bind(publishedAt, at: 4)
        update.bind(thumbnailURL, at: 5)
        for (index, value) in snapshot[2...6].enumerated() { update.bind(value, at: 6 + index) }
        update.bind(snapshot[1], at: 11)
        update.bind(snapshot[0], at: 12)
        try update.execute()
    }
}
