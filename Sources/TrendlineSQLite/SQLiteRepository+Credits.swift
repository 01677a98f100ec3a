import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

/// Plans, credits and usage on SQLite. SQLite runs one write transaction at a time, so the
/// checks in ``refusal(for:at:db:)`` cannot be raced by another writer.
extension SQLiteRepository {
    public func setPlan(accountID: UUID, plan: String?) async throws -> Account? {
        try await pool.write { db in
            try db.execute(sql: "UPDATE accounts SET plan = ? WHERE id = ?", arguments: [plan, accountID.storageString])
            return try Self.account(id: accountID, db: db)
        }
    }

    public func addCredit(accountID: UUID, amount: Money, note: String?, at date: Date) async throws -> LedgerEntry {
        try await pool.write { db in
            guard let balance = try Self.balance(accountID, db: db) else { throw StoreError.conflict("no account with id \(accountID)") }
            let after = balance + amount
            guard after >= .zero else {
                throw StoreError.conflict("the balance is \(balance); taking \(Money.zero - amount) would leave it below zero")
            }
            return try Self.appendLedger(
                accountID: accountID, amount: amount, balanceAfter: after, kind: .credit, trackingID: nil, note: note, at: date, db: db)
        }
    }

    public func ledger(accountID: UUID, limit: Int) async throws -> [LedgerEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM ledger WHERE account_id = ? ORDER BY id DESC LIMIT ?",
                arguments: [accountID.storageString, max(0, limit)]
            ).map(SQLiteRows.ledgerEntry)
        }
    }

    public func usage(accountID: UUID, periodStart: Date, at date: Date) async throws -> AccountUsage {
        try await pool.read { db in
            let (active, held) = try Self.activeAndHeld(accountID: accountID, at: date, db: db)
            let balance = try Self.balance(accountID, db: db) ?? .zero
            let snapshots = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM trackings t JOIN snapshots s ON s.video_id = t.video_id
                    WHERE t.account_id = ? AND s.taken_at >= t.window_start AND s.taken_at >= ?
                        AND s.taken_at <= \(StoreSQL.visibleEnd)
                    """,
                arguments: [accountID.storageString, periodStart.ms]) ?? 0
            return AccountUsage(activeTrackings: active, snapshotsThisPeriod: snapshots, balance: balance, held: held)
        }
    }

    /// Why the account may not start this tracking now, if it may not.
    static func refusal(for request: NewTracking, at now: Date, db: Database) throws -> TrackRefusal? {
        let needed = request.terms.estimatedCost
        guard request.maxActiveTrackings != nil || needed > .zero else { return nil }
        let (active, held) = try activeAndHeld(accountID: request.accountID, at: now, db: db)
        if let limit = request.maxActiveTrackings, active >= limit { return .videoLimit(limit: limit, current: active) }
        guard needed > .zero else { return nil }
        let balance = try Self.balance(request.accountID, db: db) ?? .zero
        let available = balance - held
        return available >= needed ? nil : .insufficientBalance(balance: balance, available: available, needed: needed)
    }

    /// The account's balance; `nil` when there is no such account.
    static func balance(_ accountID: UUID, db: Database) throws -> Money? {
        try Int64.fetchOne(db, sql: "SELECT balance_micros FROM accounts WHERE id = ?", arguments: [accountID.storageString]).map(Money.init(micros:))
    }

    /// The account's trackings still wanting snapshots at `now`, and what they hold.
    static func activeAndHeld(accountID: UUID, at now: Date, db: Database) throws -> (Int, Money) {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT \(StoreSQL.activeAndHeldColumns) FROM trackings WHERE account_id = ? AND \(StoreSQL.activeStatuses) AND window_end > ?",
            arguments: [accountID.storageString, now.ms])!
        return try (row.decode(forColumn: "active"), Money(micros: row.decode(forColumn: "held")))
    }

    /// Writes a ledger row and the account's new balance (the caller's transaction).
    @discardableResult
    static func appendLedger(
        accountID: UUID, amount: Money, balanceAfter: Money, kind: LedgerEntry.Kind, trackingID: UUID?, note: String?, at date: Date, db: Database
    ) throws -> LedgerEntry {
        try db.execute(sql: "UPDATE accounts SET balance_micros = ? WHERE id = ?", arguments: [balanceAfter.micros, accountID.storageString])
        try db.execute(
            sql: """
                INSERT INTO ledger (account_id, at, amount_micros, balance_after_micros, kind, tracking_id, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [accountID.storageString, date.ms, amount.micros, balanceAfter.micros, kind.rawValue, trackingID?.storageString, note])
        return LedgerEntry(
            id: db.lastInsertedRowID, accountID: accountID, at: date, amount: amount, balanceAfter: balanceAfter, kind: kind,
            trackingID: trackingID, note: note)
    }
}
