import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

/// What storing a snapshot needs to know of one tracking of the video, read for all of them in
/// one statement. The store decides from these rows which trackings see the snapshot (events,
/// milestones), which complete, which are charged and what the next check is; before, five
/// statements asked the trackings table each of those questions (docs/benchmarks.md).
struct SnapshotTrackingRow {
    let id: String
    let accountID: String
    var status: TrackingStatus
    let reviewStatus: ReviewStatus
    let windowStart: Int64
    let windowEnd: Int64
    /// The end of what the tracking can see (``StoreSQL/visibleEnd``), in milliseconds.
    let visibleEnd: Int64
    let cadence: Cadence
    let minimumInterval: Int64
    let milestones: String?
    let terms: TrackingTerms
    let charged: Money
    /// The account has an enabled webhook endpoint, so events are written for it.
    let hooked: Bool

    /// Hands `body` the trackings of the videos whose ids are in the JSON array `ids`, each with
    /// its video's id, in video then row id order: the order their events are written in, and
    /// the order of the `trackings_video` index, so SQLite sorts nothing (sorting by the
    /// tracking's text id built a temporary B-tree per batch, about a fifth of this read in a
    /// model of it). Only trackings of different accounts share a video, so no account sees the
    /// order. Read through ``DirectStatement``: the store reads them for every batch.
    static func forEach(videoIDsJSON ids: String, db: Database, _ body: (Int64, SnapshotTrackingRow) -> Void) throws {
        let read = DirectStatement(try db.cachedStatement(sql: selectSQL), db: db)
        read.bind(ids, at: 1)
        try read.forEachRow { row in
            body(row.int64(14), SnapshotTrackingRow(
                id: row.text(0), accountID: row.text(1), status: try row.enumValue(2),
                reviewStatus: try row.enumValue(3), windowStart: row.int64(4), windowEnd: row.int64(5), visibleEnd: row.int64(6),
                cadence: try row.enumValue(7), minimumInterval: row.int64(8), milestones: row.optionalText(9),
                terms: TrackingTerms(pricePerSnapshot: Money(micros: row.int64(10)), estimatedCost: Money(micros: row.int64(11))),
                charged: Money(micros: row.int64(12)), hooked: row.int64(13) != 0))
        }
    }

    /// The rows of ``forEach(videoIDsJSON:db:_:)`` as a list.
    static func all(videoIDsJSON ids: String, db: Database) throws -> [(Int64, SnapshotTrackingRow)] {
        var rows: [(Int64, SnapshotTrackingRow)] = []
        try forEach(videoIDsJSON: ids, db: db) { rows.append(($0, $1)) }
        return rows
    }

    private static let selectSQL = """
        SELECT t.id, t.account_id, t.status, t.review_status, t.window_start, t.window_end,
            \(StoreSQL.visibleEnd) AS visible_end, t.cadence, t.min_interval_s, t.milestones,
            t.price_micros, t.estimated_micros, t.charged_micros, \(StoreSQL.hasEnabledWebhook) AS hooked, t.video_id
        FROM trackings t WHERE t.video_id IN (SELECT value FROM json_each(?)) ORDER BY t.video_id, t.rowid
        """

    /// Monitoring or completed, with a snapshot taken at `takenAt` (ms) inside what it can see.
    func sees(_ takenAt: Int64) -> Bool {
        (status == .monitoring || status == .completed) && windowStart <= takenAt && visibleEnd >= takenAt
    }

    /// Its window has ended at `now` (ms) while it was running (a review still pending waits).
    func completes(at now: Int64) -> Bool {
        (status == .monitoring || status == .paused) && reviewStatus != .pendingReview && windowEnd <= now
    }

    /// Pays for a snapshot taken at `takenAt` (ms): priced, not yet charged its estimate, and
    /// the snapshot inside its window.
    func isCharged(for takenAt: Int64) -> Bool {
        terms.pricePerSnapshot > .zero && charged < terms.estimatedCost
            && (status == .monitoring || status == .completed) && windowStart <= takenAt && windowEnd >= takenAt
    }

    var need: NextCheckPlanner.Need {
        NextCheckPlanner.Need(
            cadence: cadence, status: status, windowEnd: Date(millisecondsSince1970: windowEnd), minimumInterval: TimeInterval(minimumInterval))
    }
}
