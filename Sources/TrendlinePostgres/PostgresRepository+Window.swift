import Foundation
import PostgresNIO
import TrendlineDomain
import TrendlineStore

/// A tracking's window and cadence changed (`PATCH /v1/videos/{id}` with `duration_days` or
/// `cadence`). The account row is locked first, as a track locks it, so the plan's checks are
/// not raced by a track or another change of the same account on any node.
extension PostgresRepository {
    public func changeWindow(
        id: UUID, accountID: UUID, change: TrackingWindowChange, maxActiveTrackings: Int?, fields: TrackingChange, at date: Date
    ) async throws -> Result<TrackedVideo, TrackRefusal>? {
        let now = date.truncatedToMilliseconds
        return try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection -> Result<TrackedVideo, TrackRefusal>? in
                guard let balance = try await self.lockedBalance(accountID, on: connection),
                      let current = try await connection.query(
                        "\(unescaped: PostgresRows.trackedVideoSelect) WHERE t.id = \(id.storageString) AND t.account_id = \(accountID.storageString) FOR UPDATE OF t",
                        logger: self.logger
                      ).collect(PostgresRows.trackedVideo).first
                else { return nil }
                guard current.tracking.status == change.decidedFrom else {
                    throw StoreError.conflict("the tracking became \(current.tracking.status.rawValue) meanwhile; read it again")
                }
                let check = TrackingWindowChangeCheck(before: current.tracking, change: change, maxActiveTrackings: maxActiveTrackings, at: now)
                if check.needsAccount {
                    let (active, held) = try await self.activeAndHeld(accountID: accountID, at: now, on: connection)
                    if let refusal = check.refusal(active: active, held: held, balance: balance) { return .failure(refusal) }
                }
                let after = check.after
                try await connection.query(
                    """
                    UPDATE trackings SET duration_days = \(after.window.duration.days), window_end = \(after.window.end.ms),
                        cadence = \(after.cadence.rawValue), estimated_micros = \(after.terms.estimatedCost.micros),
                        status = \(after.status.rawValue), ended_at = \(after.endedAt?.ms), updated_at = \(now.ms)
                    WHERE id = \(id.storageString)
                    """, logger: self.logger)
                try await self.planNextCheck(videoID: current.video.id, at: now, on: connection)
                let select: PostgresQuery = "\(unescaped: PostgresRows.trackedVideoSelect) WHERE t.id = \(id.storageString)"
                guard let changed = try await connection.query(select, logger: self.logger).collect(PostgresRows.trackedVideo).first else { return nil }
                guard !fields.isEmpty else { return .success(changed) }
                try await self.apply(fields, to: changed, at: now, on: connection)
                return try await connection.query(select, logger: self.logger).collect(PostgresRows.trackedVideo).first.map { .success($0) }
            }
        }
    }
}
