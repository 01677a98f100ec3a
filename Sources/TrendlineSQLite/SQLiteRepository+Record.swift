import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

extension SQLiteRepository {
    /// All records in one write transaction: one commit per provider batch. The videos, their
    /// trackings and their leases are read and released once per batch (``RecordBatch``), and
    /// each provider name is looked up once.
    public func recordSnapshots(_ records: [SnapshotRecord], at date: Date) async throws -> [Bool] {
        let now = date.truncatedToMilliseconds
        return try await pool.write { db in
            var batch = try RecordBatch(videoIDs: records.map(\.snapshot.videoID), db: db)
            var providers: [String: Int64] = [:]
            let stored = try records.map { record in
                let name = record.snapshot.provider
                let provider = try providers[name] ?? Self.providerID(name, db: db)
                providers[name] = provider
                return try Self.record(record, providerID: provider, batch: &batch, at: now, db: db)
            }
            try batch.releaseLeases(db: db)
            return stored
        }
    }

    /// Stores one snapshot in the caller's transaction. The video row is written once (counts,
    /// metadata and next check together); the decisions that concern its trackings are made
    /// from their rows (``SnapshotTrackingRow``), so in the common case (no webhooks,
    /// milestones, prices or ending windows) a snapshot costs two statements, an insert and the
    /// video's update, each prepared once per connection. A video deleted since it was claimed,
    /// or a lease that is no longer the video's (another worker claimed it after it expired),
    /// stores nothing; SQLite's single writer makes the check and the writes one step.
    static func record(_ record: SnapshotRecord, providerID: Int64, batch: inout RecordBatch, at now: Date, db: Database) throws -> Bool {
        let snapshot = record.snapshot
        guard let before = try batch.video(snapshot.videoID, db: db) else { return false }
        guard before.admits(lease: record.lease) else { return false }
        let inserted = try CheckWrites.insert(snapshot, providerID: providerID, db: db)

        var trackings = try batch.trackings(of: snapshot.videoID, db: db)
        if inserted { try announce(snapshot, to: &trackings, at: now, db: db) }
        try complete(&trackings, videoID: snapshot.videoID, at: now, db: db)
        if inserted { try charge(snapshot, trackings: trackings, db: db) }

        let newest = before.becomesLatest(snapshot, inserted: inserted)
        let next = try before.nextCheck(after: record, newest: newest, needs: trackings.map(\.need), now: now) {
            try recentGrowth(videoID: snapshot.videoID, db: db)
        }
        try CheckWrites.updateVideo(snapshot, metadata: record.metadata, newest: newest, next: next, db: db)
        batch.finish(snapshot.videoID)
        return inserted
    }

    /// A new snapshot's events and milestones (``SnapshotTrackingRow/announce(_:to:event:milestones:)``),
    /// written as they are decided.
    static func announce(_ snapshot: Snapshot, to trackings: inout [SnapshotTrackingRow], at now: Date, db: Database) throws {
        try SnapshotTrackingRow.announce(snapshot, to: &trackings) { type, tracking, milestone in
            try writeEvent(type, for: tracking, videoID: snapshot.videoID, takenAt: snapshot.takenAt, milestone: milestone, at: now, db: db)
        } milestones: { tracking in
            try db.cachedStatement(sql: "UPDATE trackings SET milestones = ? WHERE id = ?").execute(arguments: [tracking.milestones, tracking.id])
        }
    }

    /// Completes the trackings whose window has ended (`tracking.completed` each), in the rows
    /// and the table.
    static func complete(_ trackings: inout [SnapshotTrackingRow], videoID: Int64, at now: Date, db: Database) throws {
        let ended = try SnapshotTrackingRow.complete(&trackings, at: now.ms) { tracking in
            try writeEvent(.trackingCompleted, for: tracking, videoID: videoID, takenAt: nil, at: now, db: db)
        }
        guard ended else { return }
        try db.cachedStatement(
            sql: """
                UPDATE trackings SET status = 'completed', ended_at = window_end, updated_at = ?
                WHERE video_id = ? AND status IN ('monitoring', 'paused') AND review_status <> 'pending_review' AND window_end <= ?
                """
        ).execute(arguments: [now.ms, videoID, now.ms])
    }

    /// Charges a newly stored snapshot to every paying tracking whose window holds it, each with
    /// a ledger row; the balance is read per charge, as an earlier one may have taken from it.
    static func charge(_ snapshot: Snapshot, trackings: [SnapshotTrackingRow], db: Database) throws {
        for tracking in trackings where tracking.isCharged(for: snapshot.takenAt.ms) {
            let accountID = try SQLiteRows.uuid(tracking.accountID, column: "account_id")
            let balance = Money(micros: try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT balance_micros FROM accounts WHERE id = ?"), arguments: [tracking.accountID]) ?? 0)
            let amount = tracking.terms.charge(after: tracking.charged, balance: balance)
            guard amount > .zero else { continue }
            try db.cachedStatement(sql: "UPDATE trackings SET charged_micros = charged_micros + ? WHERE id = ?")
                .execute(arguments: [amount.micros, tracking.id])
            try appendLedger(
                accountID: accountID, amount: .zero - amount, balanceAfter: balance - amount, kind: .snapshot,
                trackingID: try SQLiteRows.uuid(tracking.id), note: nil, at: snapshot.takenAt, db: db)
        }
    }

    /// One outbox row for `tracking`'s account.
    static func writeEvent(
        _ type: WebhookEventType, for tracking: SnapshotTrackingRow, videoID: Int64, takenAt: Date?, milestone: Int64? = nil, at now: Date, db: Database
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO webhook_events (account_id, type, tracking_id, video_id, taken_at, created_at, milestone)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [tracking.accountID, type.rawValue, tracking.id, videoID, takenAt?.ms, now.ms, milestone])
    }
}
