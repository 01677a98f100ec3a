import Foundation
import PostgresNIO
import TrendlineDomain
import TrendlineStore

/// Plans, credits and usage on PostgreSQL. Balance changes lock the account row
/// (`FOR UPDATE`), so charges, top-ups and the checks of a track never interleave, on one node
/// or several.
extension PostgresRepository {
    public func setPlan(accountID: UUID, plan: String?) async throws -> Account? {
        try await guarded { [self] in
            try await client.query(
                "UPDATE accounts SET plan = \(plan) WHERE id = \(accountID.storageString) RETURNING *", logger: logger
            ).collect(PostgresRows.account).first
        }
    }

    public func addCredit(accountID: UUID, amount: Money, note: String?, at date: Date) async throws -> LedgerEntry {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                guard let balance = try await self.lockedBalance(accountID, on: connection) else {
                    throw StoreError.conflict("no account with id \(accountID)")
                }
                let after = balance + amount
                guard after >= .zero else {
                    throw StoreError.conflict("the balance is \(balance); taking \(Money.zero - amount) would leave it below zero")
                }
                return try await self.appendLedger(
                    accountID: accountID, amount: amount, balanceAfter: after, kind: .credit, trackingID: nil, note: note, at: date, on: connection)
            }
        }
    }

    public func ledger(accountID: UUID, limit: Int) async throws -> [LedgerEntry] {
        try await guarded { [self] in
            try await client.query(
                "SELECT * FROM ledger WHERE account_id = \(accountID.storageString) ORDER BY id DESC LIMIT \(max(0, limit))", logger: logger
            ).collect(PostgresRows.ledgerEntry)
        }
    }

    public func usage(accountID: UUID, periodStart: Date, at date: Date) async throws -> AccountUsage {
        try await guarded { [self] in
            try await client.withConnection { connection in
                let account = accountID.storageString
                let (active, held) = try await self.activeAndHeld(accountID: accountID, at: date, on: connection)
                let balance = try await connection.query(
                    "SELECT balance_micros FROM accounts WHERE id = \(account)", logger: self.logger
                ).collect { try $0.decode(Int64.self) }.first ?? 0
                let snapshots = try await connection.query(
                    """
                    SELECT COUNT(*) FROM trackings t JOIN snapshots s ON s.video_id = t.video_id
                    WHERE t.account_id = \(account) AND s.taken_at >= t.window_start AND s.taken_at >= \(periodStart.ms)
                        AND s.taken_at <= \(unescaped: StoreSQL.visibleEnd)
                    """, logger: self.logger
                ).collect { try $0.decode(Int64.self) }.first ?? 0
                return AccountUsage(activeTrackings: active, snapshotsThisPeriod: Int(snapshots), balance: Money(micros: balance), held: held)
            }
        }
    }

    /// Why the account may not start this tracking now, if it may not. Runs after the batch
    /// locked the account row.
    func refusal(for request: NewTracking, at now: Date, on connection: PostgresConnection) async throws -> TrackRefusal? {
        let needed = request.terms.estimatedCost
        guard request.maxActiveTrackings != nil || needed > .zero else { return nil }
        let (active, held) = try await activeAndHeld(accountID: request.accountID, at: now, on: connection)
        if let limit = request.maxActiveTrackings, active >= limit { return .videoLimit(limit: limit, current: active) }
        guard needed > .zero else { return nil }
        let balance = try await lockedBalance(request.accountID, on: connection) ?? .zero
        let available = balance - held
        return available >= needed ? nil : .insufficientBalance(balance: balance, available: available, needed: needed)
    }

    /// The account's trackings still wanting snapshots at `now`, and what they hold.
    func activeAndHeld(accountID: UUID, at now: Date, on connection: PostgresConnection) async throws -> (Int, Money) {
        let row = try await connection.query(
            """
            SELECT \(unescaped: StoreSQL.activeAndHeldColumns) FROM trackings
            WHERE account_id = \(accountID.storageString) AND \(unescaped: StoreSQL.activeStatuses) AND window_end > \(now.ms)
            """, logger: logger
        ).collect { row -> (Int64, Int64) in
            let r = row.makeRandomAccess()
            return (try PostgresRows.value(r, "active"), try PostgresRows.value(r, "held"))
        }.first ?? (0, 0)
        return (Int(row.0), Money(micros: row.1))
    }

    /// The account's balance, with its row locked until the transaction ends.
    func lockedBalance(_ accountID: UUID, on connection: PostgresConnection) async throws -> Money? {
        try await connection.query(
            "SELECT balance_micros FROM accounts WHERE id = \(accountID.storageString) FOR UPDATE", logger: logger
        ).collect { Money(micros: try $0.decode(Int64.self)) }.first
    }

    /// Writes a ledger row and the account's new balance (the caller's transaction).
    func appendLedger(
        accountID: UUID, amount: Money, balanceAfter: Money, kind: LedgerEntry.Kind, trackingID: UUID?, note: String?, at date: Date,
        on connection: PostgresConnection
    ) async throws -> LedgerEntry {
        try await connection.query(
            "UPDATE accounts SET balance_micros = \(balanceAfter.micros) WHERE id = \(accountID.storageString)", logger: logger)
        guard let entry = try await connection.query(
            """
            INSERT INTO ledger (account_id, at, amount_micros, balance_after_micros, kind, tracking_id, note)
            VALUES (\(accountID.storageString), \(date.ms), \(amount.micros), \(balanceAfter.micros), \(kind.rawValue),
                \(trackingID?.storageString), \(note))
            RETURNING *
            """, logger: logger
        ).collect(PostgresRows.ledgerEntry).first else { throw StoreError.corrupt("ledger row vanished") }
        return entry
    }
}
