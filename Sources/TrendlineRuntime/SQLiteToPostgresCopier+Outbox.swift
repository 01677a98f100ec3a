import Foundation
import GRDB
import Logging
import PostgresNIO
import TrendlineStore

extension SQLiteToPostgresCopier {
    /// How much of the webhook outbox a copy read.
    struct OutboxCount {
        var events = 0, deliveries = 0
    }

    /// Copies the webhook outbox: every event with its deliveries, delivered or not, so events
    /// queued while the old node stopped are sent by the new nodes and each endpoint's delivery
    /// log comes along.
    ///
    /// Events keep their ids where the target has them free, because receivers deduplicate on
    /// the event id (`evt_<id>`): an event the old node sent and the new node sends again must
    /// carry the same id. An event is found again on a re-run by its id and what it reports
    /// (account, type, tracking, snapshot time, milestone, time written); one whose id the
    /// target had already given to another event is matched by what it reports alone and
    /// inserted under a new id. A delivery is matched by (event, endpoint); on a re-run the
    /// side that has made more attempts keeps its state, so a delivery the old node made after
    /// the first run is not sent again. Leases are dropped (the new nodes claim afresh).
    func copyWebhookOutbox(
        from source: DatabaseQueue, accountIDs: [String: String], videoIDs: [Int64: Int64], creatorIDs: [String: String],
        client: PostgresClient, logger: Logger
    ) async throws -> OutboxCount {
        var count = OutboxCount()
        // An event or delivery whose id the target has given away takes a new one, which must not
        // be an id a later source row is still to claim: the sequences start past the source's.
        let (lastEvent, lastDelivery) = try await source.read { db in
            (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM webhook_events") ?? 0, try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM webhook_deliveries") ?? 0)
        }
        try await advanceOutboxSequences(past: lastEvent, lastDelivery, client: client, logger: logger)
        var lastID: Int64 = 0
        while true {
            let events = try source.read { [lastID, batchSize] db in
                try Row.fetchAll(db, sql: "SELECT * FROM webhook_events WHERE id > ? ORDER BY id LIMIT ?", arguments: [lastID, batchSize])
            }
            guard let last = events.last else { break }
            var eventIDs: [Int64: Int64] = [:]
            for row in events {
                let account: String = try row.decode(forColumn: "account_id")
                let event = OutboxEvent(
                    id: try row.decode(forColumn: "id"), account: accountIDs[account] ?? account, type: try row.decode(forColumn: "type"),
                    trackingID: try row.decode(forColumn: "tracking_id"), videoID: try (row.decode(forColumn: "video_id") as Int64?).flatMap { videoIDs[$0] },
                    takenAt: try row.decode(forColumn: "taken_at"), createdAt: try row.decode(forColumn: "created_at"),
                    fannedOut: Int32(try row.decode(forColumn: "fanned_out") as Int), milestone: try row.decode(forColumn: "milestone"),
                    creatorID: try (row.decode(forColumn: "creator_id") as String?).map { creatorIDs[$0] ?? $0 })
                eventIDs[event.id] = try await copy(event, client: client, logger: logger)
            }
            let deliveries = try source.read { [lastID, last] db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM webhook_deliveries WHERE event_id > ? AND event_id <= ? ORDER BY id",
                    arguments: [lastID, try last.decode(forColumn: "id") as Int64])
            }
            for row in deliveries {
                guard let event = try eventIDs[row.decode(forColumn: "event_id")] else { continue }
                try await copyDelivery(row, eventID: event, client: client, logger: logger)
            }
            count.events += events.count
            count.deliveries += deliveries.count
            try lastID = last.decode(forColumn: "id")
            progress("webhook events: \(count.events)")
        }
        try await advanceOutboxSequences(past: 0, 0, client: client, logger: logger)
        return count
    }

    /// Moves each outbox sequence past the given id, the table's largest and its own position,
    /// so that the next id it hands out is free; copied rows are inserted under explicit ids.
    private func advanceOutboxSequences(past events: Int64, _ deliveries: Int64, client: PostgresClient, logger: Logger) async throws {
        for (table, sourceMax) in [("webhook_events", events), ("webhook_deliveries", deliveries)] {
            let sequence = "pg_get_serial_sequence('\(table)', 'id')"
            try await client.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT setval(\(sequence), GREATEST((SELECT MAX(id) FROM \(table)), $1, pg_sequence_last_value(\(sequence)::regclass), 1))
                        """,
                    binds: { var binds = PostgresBindings(); binds.append(sourceMax); return binds }()),
                logger: logger)
        }
    }

    /// One outbox event as the target should hold it (ids already mapped).
    struct OutboxEvent {
        var id: Int64
        var account: String
        var type: String
        var trackingID: String?
        var videoID: Int64?
        var takenAt: Int64?
        var createdAt: Int64
        var fannedOut: Int32
        var milestone: Int64?
        var creatorID: String?
    }

    /// Inserts the event, or finds it from an earlier run; returns its id in the target.
    private func copy(_ event: OutboxEvent, client: PostgresClient, logger: Logger) async throws -> Int64 {
        let holder = try await client.query(
            """
            SELECT account_id = \(event.account) AND type = \(event.type) AND created_at = \(event.createdAt)
                AND tracking_id IS NOT DISTINCT FROM \(event.trackingID) AND taken_at IS NOT DISTINCT FROM \(event.takenAt)
                AND milestone IS NOT DISTINCT FROM \(event.milestone)
            FROM webhook_events WHERE id = \(event.id)
            """, logger: logger
        ).collect { try $0.decode(Bool.self) }.first
        var id: Int64? = event.id
        if let holder {
            if holder {
                try await raiseFannedOut(id: event.id, to: event.fannedOut, client: client, logger: logger)
                return event.id
            }
            // The target gave this id to another event: the copy, if an earlier run made it, is
            // found by what it reports; otherwise it takes a new id.
            let found = try await client.query(
                """
                SELECT id FROM webhook_events WHERE account_id = \(event.account) AND type = \(event.type) AND created_at = \(event.createdAt)
                    AND tracking_id IS NOT DISTINCT FROM \(event.trackingID) AND taken_at IS NOT DISTINCT FROM \(event.takenAt)
                    AND milestone IS NOT DISTINCT FROM \(event.milestone)
                ORDER BY id LIMIT 1
                """, logger: logger
            ).collect { try $0.decode(Int64.self) }.first
            if let found {
                try await raiseFannedOut(id: found, to: event.fannedOut, client: client, logger: logger)
                return found
            }
            id = nil
        }
        let inserted = try await client.query(
            """
            INSERT INTO webhook_events (id, account_id, type, tracking_id, video_id, taken_at, created_at, fanned_out, milestone, creator_id)
            VALUES (COALESCE(\(id), nextval(pg_get_serial_sequence('webhook_events', 'id'))), \(event.account), \(event.type), \(event.trackingID),
                \(event.videoID), \(event.takenAt), \(event.createdAt), \(event.fannedOut), \(event.milestone), \(event.creatorID))
            RETURNING id
            """, logger: logger
        ).collect { try $0.decode(Int64.self) }.first
        guard let inserted else { throw StoreError.unavailable("the target wrote webhook event \(event.id) without returning its id") }
        return inserted
    }

    /// An event the old node fanned out after an earlier run is not fanned out again.
    private func raiseFannedOut(id: Int64, to fannedOut: Int32, client: PostgresClient, logger: Logger) async throws {
        try await client.query("UPDATE webhook_events SET fanned_out = GREATEST(fanned_out, \(fannedOut)) WHERE id = \(id)", logger: logger)
    }

    /// Inserts the delivery (under its own id when free), or brings an earlier copy up to the
    /// source's state when the source has made more attempts since.
    private func copyDelivery(_ row: Row, eventID: Int64, client: PostgresClient, logger: Logger) async throws {
        let id: Int64 = try row.decode(forColumn: "id"), endpoint: String = try row.decode(forColumn: "endpoint_id")
        let status: String = try row.decode(forColumn: "status"), attempts = Int32(try row.decode(forColumn: "attempts") as Int)
        let nextAttempt: Int64? = try row.decode(forColumn: "next_attempt_at"), code = try (row.decode(forColumn: "last_status_code") as Int?).map(Int32.init)
        let error: String? = try row.decode(forColumn: "last_error"), latency = try (row.decode(forColumn: "last_latency_ms") as Int?).map(Int32.init)
        let created: Int64 = try row.decode(forColumn: "created_at"), delivered: Int64? = try row.decode(forColumn: "delivered_at")
        try await client.query(
            """
            INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, next_attempt_at, last_status_code, last_error,
                last_latency_ms, created_at, delivered_at)
            SELECT COALESCE((SELECT \(id) WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = \(id))),
                    nextval(pg_get_serial_sequence('webhook_deliveries', 'id'))),
                \(eventID), \(endpoint), \(status), \(attempts), \(nextAttempt), \(code), \(error), \(latency), \(created), \(delivered)
            WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = \(endpoint))
            ON CONFLICT (event_id, endpoint_id) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
                next_attempt_at = EXCLUDED.next_attempt_at, lease_until = NULL, last_status_code = EXCLUDED.last_status_code,
                last_error = EXCLUDED.last_error, last_latency_ms = EXCLUDED.last_latency_ms, delivered_at = EXCLUDED.delivered_at
            WHERE webhook_deliveries.attempts < EXCLUDED.attempts
            """, logger: logger)
    }
}
