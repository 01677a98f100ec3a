import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

/// What storing a provider batch of snapshots reads and releases once for the whole batch
/// instead of once per snapshot: the videos' rows, their trackings, and at the end their leases
/// (three statements per batch, each taking the batch's ids as one JSON array; the reads go
/// through ``DirectStatement``). A video that appears twice in a batch is read again the second
/// time, after its first record changed it.
struct RecordBatch {
    private var videos: [Int64: VideoBeforeSnapshot] = [:]
    private var trackings: [Int64: [SnapshotTrackingRow]] = [:]
    private var recorded: Set<Int64> = []

    static let videoSelect = """
        SELECT v.id, v.last_snapshot_at, v.views, v.published_at, v.created_at,
            (SELECT l.lease_until FROM video_leases l WHERE l.video_id = v.id) AS lease_until
        FROM videos v
        """

    /// Reads the videos `ids` and their trackings.
    init(videoIDs ids: [Int64], db: Database) throws {
        let list = SQLiteRows.jsonArray(ids)
        let read = DirectStatement(try db.cachedStatement(sql: "\(Self.videoSelect) WHERE v.id IN (SELECT value FROM json_each(?))"), db: db)
        read.bind(list, at: 1)
        try read.forEachRow { row in
            let (id, before) = try Self.decodeVideo(row)
            videos[id] = before
        }
        try SnapshotTrackingRow.forEach(videoIDsJSON: list, db: db) { videoID, tracking in
            trackings[videoID, default: []].append(tracking)
        }
    }

    /// The video's row before this record (`nil`: the video is gone). A video already recorded
    /// in this batch has given up its lease (it is deleted at the end), so it reads as unleased:
    /// a second record under the same lease is refused, as it was when each record deleted its
    /// lease at once.
    mutating func video(_ id: Int64, db: Database) throws -> VideoBeforeSnapshot? {
        guard recorded.contains(id) else { return videos[id] }
        let read = DirectStatement(try db.cachedStatement(sql: "\(Self.videoSelect) WHERE v.id = ?"), db: db)
        read.bind(id, at: 1)
        guard let again = try read.first({ try Self.decodeVideo($0).1 }) else { return nil }
        return VideoBeforeSnapshot(lastSnapshotAt: again.lastSnapshotAt, views: again.views, bornAt: again.bornAt, leaseUntil: nil)
    }

    /// The video's trackings, in id order.
    mutating func trackings(of id: Int64, db: Database) throws -> [SnapshotTrackingRow] {
        guard recorded.contains(id) else { return trackings[id] ?? [] }
        return try SnapshotTrackingRow.all(videoIDsJSON: SQLiteRows.jsonArray([id]), db: db).map(\.1)
    }

    /// The video's check is over: later records of it read afresh, and its lease goes at the end.
    mutating func finish(_ id: Int64) {
        recorded.insert(id)
    }

    /// Deletes the leases of every video whose record was stored.
    func releaseLeases(db: Database) throws {
        guard !recorded.isEmpty else { return }
        try CheckWrites.releaseLeases(of: Array(recorded), db: db)
    }

    /// A video row of ``videoSelect``. A video always has its creation time; `created_at` is
    /// `NOT NULL`.
    static func decodeVideo(_ row: DirectRow) throws -> (Int64, VideoBeforeSnapshot) {
        try (row.int64(0), VideoBeforeSnapshot(
            lastSnapshotAt: row.date(1), views: row.optionalInt64(2),
            bornAt: row.date(3) ?? row.requiredDate(4), leaseUntil: row.optionalInt64(5)))
    }
}
