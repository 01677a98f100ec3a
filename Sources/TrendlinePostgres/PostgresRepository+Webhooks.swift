import Foundation
import PostgresNIO
import TrendlineDomain
import TrendlineStore

/// Webhook endpoints, the outbox and deliveries on PostgreSQL. Fan-out and claims use
/// `FOR UPDATE SKIP LOCKED`, so several nodes can send without sending twice.
extension PostgresRepository {
    public func createWebhook(_ endpoint: WebhookEndpoint) async throws {
        try await guarded { [self] in
            try await client.query(
                """
                INSERT INTO webhook_endpoints (id, account_id, url, description, events, secret, enabled, created_at, updated_at)
                VALUES (\(endpoint.id.storageString), \(endpoint.accountID.storageString), \(endpoint.url), \(endpoint.description),
                    \(WebhookEventType.storageList(endpoint.events)), \(endpoint.secret), \(Int32(endpoint.enabled ? 1 : 0)),
                    \(endpoint.createdAt.ms), \(endpoint.updatedAt.ms))
                """, logger: logger)
        }
    }

    public func webhooks(accountID: UUID) async throws -> [WebhookEndpoint] {
        try await guarded { [self] in
            try await client.query(
                "SELECT * FROM webhook_endpoints WHERE account_id = \(accountID.storageString) ORDER BY created_at, id", logger: logger
            ).collect(PostgresRows.webhook)
        }
    }

    public func webhook(id: UUID, accountID: UUID) async throws -> WebhookEndpoint? {
        try await guarded { [self] in
            try await client.query(
                "SELECT * FROM webhook_endpoints WHERE id = \(id.storageString) AND account_id = \(accountID.storageString)", logger: logger
            ).collect(PostgresRows.webhook).first
        }
    }

    public func updateWebhook(id: UUID, accountID: UUID, change: WebhookChange, at date: Date) async throws -> WebhookEndpoint? {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                guard let current = try await connection.query(
                    "SELECT * FROM webhook_endpoints WHERE id = \(id.storageString) AND account_id = \(accountID.storageString) FOR UPDATE",
                    logger: self.logger
                ).collect(PostgresRows.webhook).first else { return nil }
                let enabled = change.enabled ?? current.enabled
                let reenabled = enabled && !current.enabled
                if reenabled {
                    var binds = PostgresBindings()
                    binds.append(id.storageString)
                    binds.append(date.ms)
                    try await connection.query(PostgresQuery(unsafeSQL: StoreSQL.resumeDeliveries(.postgres), binds: binds), logger: self.logger)
                } else if current.enabled && !enabled {
                    try await self.parkDeliveries(endpoint: id.storageString, on: connection)
                }
                return try await connection.query(
                    """
                    UPDATE webhook_endpoints SET url = \(change.url ?? current.url), description = \(change.description ?? current.description),
                        events = \(WebhookEventType.storageList(change.events ?? current.events)), enabled = \(Int32(enabled ? 1 : 0)),
                        updated_at = \(date.ms),
                        disabled_reason = CASE WHEN \(reenabled) THEN NULL ELSE disabled_reason END,
                        failing_since = CASE WHEN \(reenabled) THEN NULL ELSE failing_since END
                    WHERE id = \(id.storageString) RETURNING *
                    """, logger: self.logger
                ).collect(PostgresRows.webhook).first
            }
        }
    }

    public func deleteWebhook(id: UUID, accountID: UUID) async throws -> Bool {
        try await guarded { [self] in
            try await client.query(
                "DELETE FROM webhook_endpoints WHERE id = \(id.storageString) AND account_id = \(accountID.storageString) RETURNING id",
                logger: logger
            ).collect { $0 }.count > 0
        }
    }

    public func enqueueTestEvent(endpointID: UUID, accountID: UUID, at date: Date) async throws -> WebhookDelivery? {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let owned = try await connection.query(
                    "SELECT id FROM webhook_endpoints WHERE id = \(endpointID.storageString) AND account_id = \(accountID.storageString)",
                    logger: self.logger
                ).collect { $0 }
                guard !owned.isEmpty else { return nil }
                let eventID = try await connection.query(
                    """
                    INSERT INTO webhook_events (account_id, type, created_at, fanned_out)
                    VALUES (\(accountID.storageString), \(WebhookEventType.webhookTest.rawValue), \(date.ms), 1) RETURNING id
                    """, logger: self.logger
                ).collect { try $0.decode(Int64.self) }.first!
                let deliveryID = try await connection.query(
                    """
                    INSERT INTO webhook_deliveries (event_id, endpoint_id, status, next_attempt_at, created_at)
                    VALUES (\(eventID), \(endpointID.storageString), 'pending', \(date.ms), \(date.ms)) RETURNING id
                    """, logger: self.logger
                ).collect { try $0.decode(Int64.self) }.first!
                return try await self.delivery(id: deliveryID, on: connection)
            }
        }
    }

    public func fanOutWebhookEvents(limit: Int, at date: Date) async throws -> Int {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let ids = try await connection.query(
                    "SELECT id FROM webhook_events WHERE fanned_out = 0 ORDER BY id LIMIT \(max(0, limit)) FOR UPDATE SKIP LOCKED",
                    logger: self.logger
                ).collect { try $0.decode(Int64.self) }
                guard !ids.isEmpty else { return 0 }
                try await connection.query(
                    """
                    INSERT INTO webhook_deliveries (event_id, endpoint_id, status, next_attempt_at, created_at)
                    SELECT ev.id, e.id, 'pending', \(date.ms), \(date.ms) FROM webhook_events ev
                    JOIN webhook_endpoints e ON e.account_id = ev.account_id AND e.enabled = 1 AND e.events LIKE '%,' || ev.type || ',%'
                    WHERE ev.id = ANY(\(ids))
                    ORDER BY ev.id
                    ON CONFLICT (event_id, endpoint_id) DO NOTHING
                    """, logger: self.logger)
                try await connection.query("UPDATE webhook_events SET fanned_out = 1 WHERE id = ANY(\(ids))", logger: self.logger)
                return ids.count
            }
        }
    }

    public func claimDueDeliveries(at date: Date, limit: Int, leaseUntil: Date) async throws -> [DueDelivery] {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let ids = try await connection.query(
                    """
                    UPDATE webhook_deliveries SET lease_until = \(leaseUntil.ms)
                    WHERE id IN (
                        SELECT id FROM webhook_deliveries
                        WHERE status = 'pending' AND next_attempt_at <= \(date.ms) AND (lease_until IS NULL OR lease_until <= \(date.ms))
                            AND \(unescaped: StoreSQL.deliveryEndpointEnabled)
                        ORDER BY next_attempt_at, id LIMIT \(max(0, limit))
                        FOR UPDATE SKIP LOCKED)
                    RETURNING id
                    """, logger: self.logger
                ).collect { try $0.decode(Int64.self) }
                guard !ids.isEmpty else { return [] }
                return try await connection.query(
                    "\(unescaped: StoreSQL.dueDeliverySelect) WHERE d.id = ANY(\(ids)) ORDER BY d.id", logger: self.logger
                ).collect(PostgresRows.dueDelivery)
            }
        }
    }

    public func pruneWebhookLog(before date: Date, batch: Int) async throws -> Int {
        var total = 0
        for (table, condition) in StoreSQL.webhookLogPrunable {
            // Ids grow with time: the first row on or after `date` bounds the walk (see the
            // SQLite store).
            let bound = try await guarded { [self] in
                try await client.query(
                    "SELECT id FROM \(unescaped: table) WHERE created_at >= \(date.ms) ORDER BY id LIMIT 1", logger: logger
                ).collect { try $0.decode(Int64.self) }.first ?? .max
            }
            var cursor: Int64 = 0
            while !Task.isCancelled {
                let deleted = try await guarded { [self, cursor] in
                    try await client.query(
                        """
                        DELETE FROM \(unescaped: table) WHERE id IN (
                            SELECT id FROM \(unescaped: table)
                            WHERE id > \(cursor) AND id < \(bound) AND created_at < \(date.ms) AND \(unescaped: condition)
                            ORDER BY id LIMIT \(max(1, batch)) FOR UPDATE SKIP LOCKED)
                        RETURNING id
                        """, logger: logger
                    ).collect { try $0.decode(Int64.self) }
                }
                total += deleted.count
                guard let last = deleted.max(), deleted.count >= max(1, batch) else { break }
                cursor = last
            }
        }
        return total
    }

    public func recordDeliveryAttempt(_ attempt: DeliveryAttempt, deliveryID: Int64, at date: Date, disableFailingSince: Date) async throws {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let status: WebhookDelivery.Status = attempt.delivered ? .delivered : (attempt.retryAt == nil ? .failed : .pending)
                guard let endpointID = try await connection.query(
                    """
                    UPDATE webhook_deliveries SET status = \(status.rawValue), attempts = attempts + 1,
                        next_attempt_at = \(status == .pending ? attempt.retryAt?.ms : nil), lease_until = NULL,
                        last_status_code = \(attempt.statusCode.map(Int32.init)), last_error = \(attempt.error.map { StoredText.storable(String($0.prefix(500))) }),
                        last_latency_ms = \(Int32(clamping: attempt.latencyMilliseconds)), delivered_at = \(attempt.delivered ? date.ms : nil)
                    WHERE id = \(deliveryID) RETURNING endpoint_id
                    """, logger: self.logger
                ).collect({ try $0.decode(String.self) }).first else { return }
                if attempt.delivered {
                    try await connection.query("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = \(endpointID)", logger: self.logger)
                    return
                }
                let failingSince = try await connection.query(
                    """
                    UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, \(date.ms))
                    WHERE id = \(endpointID) AND enabled = 1 RETURNING failing_since
                    """, logger: self.logger
                ).collect { try $0.decode(Int64.self) }.first
                if let failingSince, failingSince <= disableFailingSince.ms {
                    let reason = WebhookEndpoint.disabledReason(failingSince: Date(millisecondsSince1970: failingSince), lastError: attempt.error)
                    try await connection.query(
                        "UPDATE webhook_endpoints SET enabled = 0, updated_at = \(date.ms), disabled_reason = \(StoredText.storable(reason)) WHERE id = \(endpointID)",
                        logger: self.logger)
                    try await self.parkDeliveries(endpoint: endpointID, on: connection)
                }
            }
        }
    }

    public func deliveries(endpointID: UUID, accountID: UUID, limit: Int) async throws -> [WebhookDelivery] {
        try await guarded { [self] in
            try await client.query(
                """
                \(unescaped: StoreSQL.dueDeliverySelect)
                WHERE d.endpoint_id = \(endpointID.storageString) AND e.account_id = \(accountID.storageString)
                ORDER BY d.id DESC LIMIT \(max(0, limit))
                """, logger: logger
            ).collect { try PostgresRows.dueDelivery($0).delivery }
        }
    }

    public func redeliverFailed(endpointID: UUID, accountID: UUID, since: Date?, at date: Date) async throws -> Int {
        try await guarded { [self] in
            var binds = PostgresBindings()
            binds.append(endpointID.storageString)
            binds.append(accountID.storageString)
            binds.append(since?.ms ?? Int64.min)
            binds.append(date.ms)
            return try await client.query(
                PostgresQuery(unsafeSQL: StoreSQL.redeliverFailed(.postgres) + " RETURNING id", binds: binds), logger: logger
            ).collect { $0 }.count
        }
    }

    public func redeliver(deliveryID: Int64, accountID: UUID, at date: Date) async throws -> WebhookDelivery? {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let updated = try await connection.query(
                    """
                    UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = \(date.ms), lease_until = NULL
                    WHERE id = \(deliveryID) AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE account_id = \(accountID.storageString))
                    RETURNING id
                    """, logger: self.logger
                ).collect { $0 }
                guard !updated.isEmpty else { return nil }
                return try await self.delivery(id: deliveryID, on: connection)
            }
        }
    }

    /// See ``StoreSQL/parkDeliveries(_:)``.
    func parkDeliveries(endpoint: String, on connection: PostgresConnection) async throws {
        var binds = PostgresBindings()
        binds.append(endpoint)
        try await connection.query(PostgresQuery(unsafeSQL: StoreSQL.parkDeliveries(.postgres), binds: binds), logger: logger)
    }

    func delivery(id: Int64, on connection: PostgresConnection) async throws -> WebhookDelivery? {
        try await connection.query("\(unescaped: StoreSQL.dueDeliverySelect) WHERE d.id = \(id)", logger: logger)
            .collect { try PostgresRows.dueDelivery($0).delivery }.first
    }

    /// Writes `type` events for the trackings of `videoID` matching `condition` (SQL on `t`
    /// whose parameters start at `$5`), for accounts with an enabled endpoint.
    func writeEvents(
        _ type: WebhookEventType, videoID: Int64, takenAt: Date?, condition: String, binds extra: [Int64], at now: Date,
        on connection: PostgresConnection
    ) async throws {
        var binds = PostgresBindings()
        binds.append(type.rawValue)
        binds.append(takenAt?.ms)
        binds.append(now.ms)
        binds.append(videoID)
        for value in extra { binds.append(value) }
        let sql = """
            INSERT INTO webhook_events (account_id, type, tracking_id, video_id, taken_at, created_at)
            SELECT t.account_id, $1, t.id, t.video_id, $2, $3 FROM trackings t
            WHERE t.video_id = $4 AND \(condition) AND \(StoreSQL.hasEnabledWebhook)
            ORDER BY t.id
            """
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
    }
}
