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

    /// The trackings of the videos whose ids are in the JSON array `ids`, with their video's id,
    /// in video then tracking id order (the order their events are written in).
    static func all(videoIDsJSON ids: String, db: Database) throws -> [(Int64, SnapshotTrackingRow)] {
        try Row.decodeAll(
            db.cachedStatement(sql: """
                SELECT t.id, t.account_id, t.status, t.review_status, t.window_start, t.window_end,
                    \(StoreSQL.visibleEnd) AS visible_end, t.cadence, t.min_interval_s, t.milestones,
                    t.price_micros, t.estimated_micros, t.charged_micros, \(StoreSQL.hasEnabledWebhook) AS hooked, t.video_id
                FROM trackings t WHERE t.video_id IN (SELECT value FROM json_each(?)) ORDER BY t.video_id, t.id
                """),
            arguments: [ids]
        ) { row in
            (row[14], SnapshotTrackingRow(
                id: row[0], accountID: row[1], status: try SQLiteRows.enumValue(row, at: 2),
                reviewStatus: try SQLiteRows.enumValue(row, at: 3), windowStart: row[4], windowEnd: row[5], visibleEnd: row[6],
                cadence: try SQLiteRows.enumValue(row, at: 7), minimumInterval: row[8], milestones: row[9],
                terms: TrackingTerms(pricePerSnapshot: Money(micros: row[10]), estimatedCost: Money(micros: row[11])),
                charged: Money(micros: row[12]), hooked: row[13]))
        }
    }

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
