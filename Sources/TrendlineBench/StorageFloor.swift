import Foundation
import GRDB
import TrendlineDomain
import TrendlineSQLite
import TrendlineStore

/// The pipeline's own writes with nothing around them: how fast the target could be met at all.
///
/// In a page-for-page copy of the pipeline's file taken before a round, it replays what the
/// round wrote through the store's own write functions (``CheckWrites``), which bind through
/// SQLite's C API: claims of 500 (the lease insert over the due index), then per provider batch
/// of 50, one transaction: each snapshot's insert and its video's update, and the batch's lease
/// release. Left out, so the figure is a floor under the pipeline's cost: every read (the
/// claimed rows, the batch's video rows and trackings), the upstream call and its parse, and the
/// store's decisions in Swift. The values written are the ones the round stored (counts, times,
/// next check and metadata, read back from the pipeline's file).
enum StorageFloor {
    /// A copy of the file at `source`, as it stands now, in `directory`; the caller removes it
    /// with ``SQLiteScratchFile/remove(_:)``.
    static func copy(of source: DatabaseQueue, into directory: String) throws -> String {
        let path = SQLiteScratchFile.path(in: directory, prefix: "floor")
        let destination = try DatabaseQueue(path: path)
        try source.backup(to: destination)
        try destination.close()
        return path
    }

    /// Replays in the copy at `path` the checks stored in `source` since `since` (claimed at
    /// `claimedAt` with leases until `leaseUntil`, in claims of `claimLimit` and transactions of
    /// `batch`); returns the rows written per second and how many rows that was.
    static func rowsPerSecond(
        replayingInto path: String, from source: DatabaseQueue, since: Date, claimedAt: Date, leaseUntil: Date, claimLimit: Int, batch: Int
    ) throws -> (rate: Double, rows: Int) {
        let stored = try source.read { db in try StoredCheck.all(since: since, db: db) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true  // as the store's connection has it
        let pool = try DatabasePool(path: path, configuration: configuration)
        defer { try? pool.close() }
        var written = 0
        let start = ContinuousClock.now
        while true {
            let claimed = try pool.write { db in try CheckWrites.leaseDue(at: claimedAt, limit: claimLimit, leaseUntil: leaseUntil, db: db) }
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
                        _ = try CheckWrites.insert(check.snapshot, providerID: check.providerID, db: db)
                        try CheckWrites.updateVideo(check.snapshot, metadata: check.metadata, newest: true, next: check.next, db: db)
                    }
                    try CheckWrites.releaseLeases(of: ids, db: db)
                }
                written += ids.count
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard written == stored.count else { throw BenchError("storage floor replayed \(written) checks, the round stored \(stored.count)") }
        return (Double(written) / seconds, written)
    }
}

/// One check as the round stored it: the snapshot, and what its video's row was set to.
private struct StoredCheck {
    let snapshot: Snapshot
    let providerID: Int64
    let metadata: VideoMetadata
    let next: Date?

    /// The round's snapshots by video, with their videos' rows as the round left them.
    static func all(since: Date, db: Database) throws -> [Int64: StoredCheck] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.video_id, s.taken_at, s.views, s.likes, s.comments, s.shares, s.saves, s.provider_id, p.name,
                    v.next_check_at, v.title, v.author, v.published_at, v.thumbnail_url
                FROM snapshots s JOIN videos v ON v.id = s.video_id JOIN providers p ON p.id = s.provider_id
                WHERE s.taken_at >= ?
                """,
            arguments: [since.millisecondsSince1970])
        var checks: [Int64: StoredCheck] = [:]
        for row in rows {
            let date = { (column: Int) in (row[column] as Int64?).map(Date.init(millisecondsSince1970:)) }
            let snapshot = Snapshot(
                videoID: row[0], takenAt: Date(millisecondsSince1970: row[1]),
                counts: Counts(views: row[2], likes: row[3], comments: row[4], shares: row[5], saves: row[6]), provider: row[8])
            let check = StoredCheck(
                snapshot: snapshot, providerID: row[7],
                metadata: VideoMetadata(title: row[10], author: row[11], publishedAt: date(12), thumbnailURL: row[13]), next: date(9))
            guard checks.updateValue(check, forKey: snapshot.videoID) == nil else {
                throw BenchError("storage floor: the round stored two snapshots of one video")
            }
        }
        return checks
    }
}
