import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

/// A tracking's window and cadence changed (`PATCH /v1/videos/{id}` with `duration_days` or
/// `cadence`). SQLite runs one write transaction at a time, so the plan's checks cannot be
/// raced by another writer.
extension SQLiteRepository {
    public func changeWindow(
        id: UUID, accountID: UUID, change: TrackingWindowChange, maxActiveTrackings: Int?, fields: TrackingChange, at date: Date
    ) async throws -> Result<TrackedVideo, TrackRefusal>? {
        let now = date.truncatedToMilliseconds
        return try await pool.write { db in
            guard let current = try Self.trackedVideo(id: id, accountID: accountID, db: db) else { return nil }
            guard current.tracking.status == change.decidedFrom else {
                throw StoreError.conflict("the tracking became \(current.tracking.status.rawValue) meanwhile; read it again")
            }
            let check = TrackingWindowChangeCheck(before: current.tracking, change: change, maxActiveTrackings: maxActiveTrackings, at: now)
            if check.needsAccount {
                let (active, held) = try Self.activeAndHeld(accountID: accountID, at: now, db: db)
                let balance = try Self.balance(accountID, db: db) ?? .zero
                if let refusal = check.refusal(active: active, held: held, balance: balance) { return .failure(refusal) }
            }
            let after = check.after
            try db.execute(
                sql: """
                    UPDATE trackings SET duration_days = ?, window_end = ?, cadence = ?, estimated_micros = ?, status = ?, ended_at = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    after.window.duration.days, after.window.end.ms, after.cadence.rawValue, after.terms.estimatedCost.micros,
                    after.status.rawValue, after.endedAt?.ms, now.ms, id.storageString,
                ])
            try Self.planNextCheck(videoID: current.video.id, at: now, db: db)
            if !fields.isEmpty {
                guard let changed = try Self.trackedVideo(id: id, accountID: accountID, db: db) else { return nil }
                try Self.apply(fields, to: changed, at: now, db: db)
            }
            guard let changed = try Self.trackedVideo(id: id, accountID: accountID, db: db) else { return nil }
            return .success(changed)
        }
    }
}
