import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

/// Webhook endpoints, the outbox and deliveries on SQLite.
extension SQLiteRepository {
    public func createWebhook(_ endpoint: WebhookEndpoint) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhook_endpoints (id, account_id, url, description, events, secret, enabled, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    endpoint.id.storageString, endpoint.accountID.storageString, endpoint.url, endpoint.description,
                    WebhookEventType.storageList(endpoint.events), endpoint.secret, endpoint.enabled ? 1 : 0,
                    endpoint.createdAt.ms, endpoint.updatedAt.ms,
                ])
        }
    }

    public func webhooks(accountID: UUID) async throws -> [WebhookEndpoint] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM webhook_endpoints WHERE account_id = ? ORDER BY created_at, id", arguments: [accountID.storageString]
            ).map(SQLiteRows.webhook)
        }
    }

    public func webhook(id: UUID, accountID: UUID) async throws -> WebhookEndpoint? {
        try await pool.read { db in try Self.webhook(id: id, accountID: accountID, db: db) }
    }

    static func webhook(id: UUID, accountID: UUID, db: Database) throws -> WebhookEndpoint? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM webhook_endpoints WHERE id = ? AND account_id = ?", arguments: [id.storageString, accountID.storageString]
        ).map(SQLiteRows.webhook)
    }

    public func updateWebhook(id: UUID, accountID: UUID, change: WebhookChange, at date: Date) async throws -> WebhookEndpoint? {
        try await pool.write { db in
            guard let current = try Self.webhook(id: id, accountID: accountID, db: db) else { return nil }
            let enabled = change.enabled ?? current.enabled
            let reenabled = enabled && !current.enabled
            try db.execute(
                sql: """
                    UPDATE webhook_endpoints SET url = ?, description = ?, events = ?, enabled = ?, updated_at = ?,
                        disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END,
                        failing_since = CASE WHEN ? THEN NULL ELSE failing_since END
                    WHERE id = ?
                    """,
                arguments: [
                    change.url ?? current.url, change.description ?? current.description,
                    WebhookEventType.storageList(change.events ?? current.events), enabled ? 1 : 0, date.ms,
                    reenabled, reenabled, id.storageString,
                ])
            if reenabled {
                try db.execute(sql: StoreSQL.resumeDeliveries(.sqlite), arguments: [id.storageString, date.ms])
            } else if current.enabled && !enabled {
                try db.execute(sql: StoreSQL.parkDeliveries(.sqlite), arguments: [id.storageString])
            }
            return try Self.webhook(id: id, accountID: accountID, db: db)
        }
    }

    public func deleteWebhook(id: UUID, accountID: UUID) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM webhook_endpoints WHERE id = ? AND account_id = ?", arguments: [id.storageString, accountID.storageString])
            return db.changesCount > 0
        }
    }

    public func enqueueTestEvent(endpointID: UUID, accountID: UUID, at date: Date) async throws -> WebhookDelivery? {
        try await pool.write { db in
            guard try Self.webhook(id: endpointID, accountID: accountID, db: db) != nil else { return nil }
            try db.execute(
                sql: "INSERT INTO webhook_events (account_id, type, created_at, fanned_out) VALUES (?, ?, ?, 1)",
                arguments: [accountID.storageString, WebhookEventType.webhookTest.rawValue, date.ms])
            let eventID = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO webhook_deliveries (event_id, endpoint_id, status, next_attempt_at, created_at) VALUES (?, ?, 'pending', ?, ?)",
                arguments: [eventID, endpointID.storageString, date.ms, date.ms])
            return try Self.delivery(id: db.lastInsertedRowID, db: db)
        }
    }

    public func fanOutWebhookEvents(limit: Int, at date: Date) async throws -> Int {
        try await pool.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM webhook_events WHERE fanned_out = 0 ORDER BY id LIMIT ?", arguments: [max(0, limit)])
            guard let first = ids.first, let last = ids.last else { return 0 }
            try db.execute(
                sql: """
                    INSERT INTO webhook_deliveries (event_id, endpoint_id, status, next_attempt_at, created_at)
                    SELECT ev.id, e.id, 'pending', ?, ? FROM webhook_events ev
                    JOIN webhook_endpoints e ON e.account_id = ev.account_id AND e.enabled = 1 AND e.events LIKE '%,' || ev.type || ',%'
                    WHERE ev.fanned_out = 0 AND ev.id BETWEEN ? AND ?
                    ORDER BY ev.id
                    ON CONFLICT (event_id, endpoint_id) DO NOTHING
                    """,
                arguments: [date.ms, date.ms, first, last])
            try db.execute(sql: "UPDATE webhook_events SET fanned_out = 1 WHERE fanned_out = 0 AND id BETWEEN ? AND ?", arguments: [first, last])
            return ids.count
        }
    }

    public func pruneWebhookLog(before date: Date, batch: Int) async throws -> Int {
        var total = 0
        for (table, condition) in StoreSQL.webhookLogPrunable {
            // Ids grow with time: the first row on or after `date` bounds the walk, which then
            // reads each old row once, however many recent rows follow.
            let bound = try await pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE created_at >= ? ORDER BY id LIMIT 1", arguments: [date.ms]) ?? .max
            }
            var cursor: Int64 = 0
            while !Task.isCancelled {
                let deleted = try await pool.write { [cursor] db in
                    try Int64.fetchAll(
                        db,
                        sql: """
                            DELETE FROM \(table) WHERE id IN (
                                SELECT id FROM \(table) WHERE id > ? AND id < ? AND created_at < ? AND \(condition) ORDER BY id LIMIT ?)
                            RETURNING id
                            """,
                        arguments: [cursor, bound, date.ms, max(1, batch)])
                }
                total += deleted.count
                guard let last = deleted.max(), deleted.count >= max(1, batch) else { break }
                cursor = last
            }
        }
        return total
    }

    public func claimDueDeliveries(at date: Date, limit: Int, leaseUntil: Date) async throws -> [DueDelivery] {
        try await pool.write { db in
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    UPDATE webhook_deliveries SET lease_until = ?
                    WHERE id IN (
                        SELECT id FROM webhook_deliveries
                        WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                            AND \(StoreSQL.deliveryEndpointEnabled)
                        ORDER BY next_attempt_at, id LIMIT ?)
                    RETURNING id
                    """,
                arguments: [leaseUntil.ms, date.ms, date.ms, max(0, limit)])
            guard !ids.isEmpty else { return [] }
            let placeholders = ids.map { _ in "?" }.joined(separator: ",")
            return try Row.fetchAll(
                db, sql: "\(StoreSQL.dueDeliverySelect) WHERE d.id IN (\(placeholders)) ORDER BY d.id", arguments: StatementArguments(ids)
            ).map(SQLiteRows.dueDelivery)
        }
    }

    public func recordDeliveryAttempt(_ attempt: DeliveryAttempt, deliveryID: Int64, at date: Date, disableFailingSince: Date) async throws {
        try await pool.write { db in
            guard let endpointID = try String.fetchOne(
                db, sql: "SELECT endpoint_id FROM webhook_deliveries WHERE id = ?", arguments: [deliveryID])
            else { return }
            let status: WebhookDelivery.Status = attempt.delivered ? .delivered : (attempt.retryAt == nil ? .failed : .pending)
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL,
                        last_status_code = ?, last_error = ?, last_latency_ms = ?, delivered_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    status.rawValue, status == .pending ? attempt.retryAt?.ms : nil, attempt.statusCode, attempt.error.map { StoredText.storable(String($0.prefix(500))) },
                    attempt.latencyMilliseconds, attempt.delivered ? date.ms : nil, deliveryID,
                ])
            if attempt.delivered {
                try db.execute(sql: "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ?", arguments: [endpointID])
                return
            }
            try db.execute(
                sql: "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?) WHERE id = ?", arguments: [date.ms, endpointID])
            let failingSince = try Int64.fetchOne(
                db, sql: "SELECT failing_since FROM webhook_endpoints WHERE id = ? AND enabled = 1", arguments: [endpointID])
            if let failingSince, failingSince <= disableFailingSince.ms {
                try db.execute(
                    sql: "UPDATE webhook_endpoints SET enabled = 0, updated_at = ?, disabled_reason = ? WHERE id = ?",
                    arguments: [
                        date.ms, StoredText.storable(WebhookEndpoint.disabledReason(failingSince: Date(millisecondsSince1970: failingSince), lastError: attempt.error)),
                        endpointID,
                    ])
                try db.execute(sql: StoreSQL.parkDeliveries(.sqlite), arguments: [endpointID])
            }
        }
    }

    public func deliveries(endpointID: UUID, accountID: UUID, limit: Int) async throws -> [WebhookDelivery] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    \(StoreSQL.dueDeliverySelect) WHERE d.endpoint_id = ? AND e.account_id = ? ORDER BY d.id DESC LIMIT ?
                    """,
                arguments: [endpointID.storageString, accountID.storageString, max(0, limit)]
            ).map { try SQLiteRows.dueDelivery($0).delivery }
        }
    }

    public func redeliverFailed(endpointID: UUID, accountID: UUID, since: Date?, at date: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: StoreSQL.redeliverFailed(.sqlite),
                arguments: [endpointID.storageString, accountID.storageString, since?.ms ?? Int64.min, date.ms])
            return db.changesCount
        }
    }

    public func redeliver(deliveryID: Int64, accountID: UUID, at date: Date) async throws -> WebhookDelivery? {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, lease_until = NULL
                    WHERE id = ? AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE account_id = ?)
                    """,
                arguments: [date.ms, deliveryID, accountID.storageString])
            guard db.changesCount > 0 else { return nil }
            return try Self.delivery(id: deliveryID, db: db)
        }
    }

    static func delivery(id: Int64, db: Database) throws -> WebhookDelivery? {
        try Row.fetchOne(db, sql: "\(StoreSQL.dueDeliverySelect) WHERE d.id = ?", arguments: [id]).map { try SQLiteRows.dueDelivery($0).delivery }
    }

    /// Writes `type` events for the trackings of `videoID` matching `condition` (an SQL
    /// condition on `t` with `arguments`), for accounts with an enabled endpoint.
    static func writeEvents(_ type: WebhookEventType, videoID: Int64, takenAt: Date?, condition: String, arguments: StatementArguments, at now: Date, db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO webhook_events (account_id, type, tracking_id, video_id, taken_at, created_at)
                SELECT t.account_id, ?, t.id, t.video_id, ?, ? FROM trackings t
                WHERE t.video_id = ? AND \(condition) AND \(StoreSQL.hasEnabledWebhook)
                ORDER BY t.id
                """
        ).execute(arguments: [type.rawValue, takenAt?.ms, now.ms, videoID] + arguments)
    }
}
