import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

/// The writes of a routine check on SQLite, in the order a check runs them: the claim leases the
/// due videos, each stored snapshot is inserted and its video's row updated (latest counts,
/// metadata and next check, which moves its `videos_due` entry), and the batch's leases are
/// released. The store runs them inside its transactions; the benchmark's storage floor runs the
/// same functions with nothing around them, so that figure cannot drift from what the store
/// writes or how it binds. Each statement is built once: the statement cache is keyed by its text.
package enum CheckWrites {
    /// Leases until `leaseUntil` up to `limit` videos due at `now` (oldest first) whose lease has
    /// expired; returns their ids.
    package static func leaseDue(at now: Date, limit: Int, leaseUntil: Date, db: Database) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: claimLeasesSQL), arguments: [leaseUntil.ms, now.ms, now.ms, max(0, limit)])
    }

    /// Inserts `snapshot` with its provider's id; `false` when the video already has a snapshot
    /// at that millisecond (nothing is written).
    package static func insert(_ snapshot: Snapshot, providerID: Int64, db: Database) throws -> Bool {
        let counts = snapshot.counts
        let insert = DirectStatement(try db.cachedStatement(sql: insertSnapshotSQL), db: db)
        insert.bind(snapshot.videoID, at: 1)
        insert.bind(snapshot.takenAt.ms, at: 2)
        insert.bind(counts.views, at: 3)
        insert.bind(counts.likes, at: 4)
        insert.bind(counts.comments, at: 5)
        insert.bind(counts.shares, at: 6)
        insert.bind(counts.saves, at: 7)
        insert.bind(providerID, at: 8)
        try insert.execute()
        return db.changesCount > 0
    }

    /// Counts, metadata, the next check and cleared failures, in one write of the video row. The
    /// common case (the snapshot is the video's newest) binds through ``DirectStatement``.
    package static func updateVideo(_ snapshot: Snapshot, metadata: VideoMetadata, newest: Bool, next: Date?, db: Database) throws {
        let counts = snapshot.counts
        if newest {
            let update = DirectStatement(try db.cachedStatement(sql: updateNewestVideoSQL), db: db)
            update.bind(next?.ms, at: 1)
            update.bind(StoredText.storable(metadata.title), at: 2)
            update.bind(StoredText.storable(metadata.author), at: 3)
            update.bind(metadata.publishedAt?.ms, at: 4)
            update.bind(StoredText.storable(metadata.thumbnailURL), at: 5)
            update.bind(counts.views, at: 6)
            update.bind(counts.likes, at: 7)
            update.bind(counts.comments, at: 8)
            update.bind(counts.shares, at: 9)
            update.bind(counts.saves, at: 10)
            update.bind(snapshot.takenAt.ms, at: 11)
            update.bind(snapshot.videoID, at: 12)
            try update.execute()
        } else {
            try db.cachedStatement(sql: updateOlderVideoSQL).execute(arguments: [
                next?.ms, StoredText.storable(metadata.title), StoredText.storable(metadata.author), metadata.publishedAt?.ms,
                StoredText.storable(metadata.thumbnailURL), snapshot.videoID,
            ])
        }
    }

    /// Releases the leases of `ids` (one statement, the ids bound as one JSON array).
    package static func releaseLeases(of ids: [Int64], db: Database) throws {
        try db.cachedStatement(sql: releaseLeasesSQL).execute(arguments: [SQLiteRows.jsonArray(ids)])
    }

    private static let claimLeasesSQL = """
        INSERT INTO video_leases (video_id, lease_until)
        SELECT v.id, ? FROM videos v LEFT JOIN video_leases l ON l.video_id = v.id
        WHERE v.next_check_at IS NOT NULL AND v.next_check_at <= ? AND (l.lease_until IS NULL OR l.lease_until <= ?)
        ORDER BY v.next_check_at LIMIT ?
        ON CONFLICT (video_id) DO UPDATE SET lease_until = excluded.lease_until
        RETURNING video_id
        """

    private static let insertSnapshotSQL = """
        INSERT INTO snapshots (video_id, taken_at, views, likes, comments, shares, saves, provider_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (video_id, taken_at) DO NOTHING
        """

    /// The columns every check sets: failures cleared, the next check, and the metadata the
    /// provider sent (a `NULL` keeps what the row has).
    private static let clearAndDescribe = """
        consecutive_failures = 0, unavailable_strikes = 0, last_error = NULL, next_check_at = ?, \
        title = COALESCE(?, title), author = COALESCE(?, author), published_at = COALESCE(?, published_at), \
        thumbnail_url = COALESCE(?, thumbnail_url)
        """
    private static let updateNewestVideoSQL =
        "UPDATE videos SET \(clearAndDescribe), views = ?, likes = ?, comments = ?, shares = ?, saves = ?, last_snapshot_at = ? WHERE id = ?"
    private static let updateOlderVideoSQL = "UPDATE videos SET \(clearAndDescribe) WHERE id = ?"
    private static let releaseLeasesSQL = "DELETE FROM video_leases WHERE video_id IN (SELECT value FROM json_each(?))"
}
