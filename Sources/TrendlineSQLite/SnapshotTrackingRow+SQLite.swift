import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

extension SnapshotTrackingRow {
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
        SELECT \(columns) FROM trackings t WHERE t.video_id IN (SELECT value FROM json_each(?)) ORDER BY t.video_id, t.rowid
        """
}
