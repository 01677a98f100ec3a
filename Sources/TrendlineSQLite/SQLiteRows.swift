import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

/// Column lists and row decoding shared by the SQLite queries.
enum SQLiteRows {
    static let trackingColumns = StoreSQL.trackingColumns
    /// The video columns; the lease comes from `video_leases` (migration 007), where SQLite
    /// keeps it so that a claim writes a few pages of that narrow table instead of one page of
    /// `videos` per claimed video (docs/benchmarks.md, claims).
    static let videoColumns = StoreSQL.videoColumns(leaseUntil: "(SELECT l.lease_until FROM video_leases l WHERE l.video_id = v.id)")
    static let trackedVideoSelect = StoreSQL.trackedVideoSelect(videoColumns: videoColumns)

    static func date(_ row: Row, _ column: String) throws -> Date? {
        try (row.decode(forColumn: column) as Int64?).map(Date.init(millisecondsSince1970:))
    }

    static func uuid(_ row: Row, _ column: String) throws -> UUID {
        try uuid(row.decode(forColumn: column) as String, column: column)
    }

    static func uuid(_ text: String, column: String = "id") throws -> UUID {
        guard let id = UUIDText.parse(text) else { throw StoreError.corrupt("bad uuid '\(text)' in \(column)") }
        return id
    }

    static func enumValue<T: RawRepresentable>(_ row: Row, _ column: String) throws -> T where T.RawValue == String {
        let text: String = try row.decode(forColumn: column)
        guard let value = T(rawValue: text) else { throw StoreError.corrupt("unknown value '\(text)' in \(column)") }
        return value
    }

    /// The columns of ``videoColumns`` and of ``StoreSQL/trackingColumns``, in order: the row
    /// decoders below read them by position. Reading by name built each `v_…` name and looked it
    /// up in the statement per column and row: with 500 rows a claim and 41 columns a video
    /// detail, a measurable share of the writer's and the API's time (docs/benchmarks.md).
    /// A test holds these lists equal to the statements' columns.
    static let videoColumnNames = [
        "v_id", "v_platform", "v_external_id", "v_canonical_url", "v_title", "v_author", "v_published_at", "v_thumbnail_url",
        "v_views", "v_likes", "v_comments", "v_shares", "v_saves", "v_last_snapshot_at", "v_next_check_at", "v_lease_until",
        "v_consecutive_failures", "v_last_error", "v_created_at",
    ]
    static let trackingColumnNames = [
        "t_id", "t_account_id", "t_video_id", "t_platform", "t_submitted_url", "t_status", "t_status_reason", "t_window_start",
        "t_window_end", "t_duration_days", "t_cadence", "t_notes", "t_ended_at", "t_created_at", "t_updated_at", "t_min_interval_s",
        "t_price_micros", "t_estimated_micros", "t_charged_micros", "t_review_status", "t_creator_id", "t_milestones", "t_campaign",
    ]

    /// A video from the ``videoColumns`` that start at column `base`.
    static func video(_ row: some PositionalRow, at base: Int = 0) throws -> Video {
        let lastSnapshotAt = try row.date(base + 13)
        return try Video(
            id: row.int64(base), platform: row.enumValue(base + 1), externalID: row.text(base + 2),
            canonicalURL: row.text(base + 3), title: row.optionalText(base + 4), author: row.optionalText(base + 5),
            publishedAt: row.date(base + 6), thumbnailURL: row.optionalText(base + 7),
            latest: lastSnapshotAt == nil
                ? nil
                : Counts(
                    views: row.optionalInt64(base + 8), likes: row.optionalInt64(base + 9), comments: row.optionalInt64(base + 10),
                    shares: row.optionalInt64(base + 11), saves: row.optionalInt64(base + 12)),
            lastSnapshotAt: lastSnapshotAt, nextCheckAt: row.date(base + 14), leaseUntil: row.date(base + 15),
            consecutiveFailures: row.int(base + 16), lastError: row.optionalText(base + 17),
            createdAt: row.requiredDate(base + 18)
        )
    }

    /// A tracking from the ``StoreSQL/trackingColumns`` at the start of the row.
    static func tracking(_ row: some PositionalRow) throws -> Tracking {
        let days = try row.int(9)
        let duration = try TrackingDuration.stored(days: days)
        return try Tracking(
            id: uuid(row.text(0), column: "t_id"), accountID: uuid(row.text(1), column: "t_account_id"), videoID: row.int64(2),
            platform: row.enumValue(3), submittedURL: row.text(4),
            status: row.enumValue(5),
            window: TrackingWindow(start: row.requiredDate(7), end: row.requiredDate(8), duration: duration),
            cadence: row.enumValue(10), notes: row.optionalText(11), statusReason: row.optionalText(6),
            endedAt: row.date(12), createdAt: row.requiredDate(13), updatedAt: row.requiredDate(14),
            terms: TrackingTerms(
                minimumInterval: TimeInterval(row.int64(15)), pricePerSnapshot: Money(micros: row.int64(16)),
                estimatedCost: Money(micros: row.int64(17))),
            charged: Money(micros: row.int64(18)),
            reviewStatus: row.enumValue(19),
            creatorID: row.optionalText(20).flatMap(UUIDText.parse),
            milestones: MilestoneList.decode(row.optionalText(21)),
            campaign: row.optionalText(22)
        )
    }

    /// A row of ``trackedVideoSelect``: the tracking's columns, then the video's.
    static func trackedVideo(_ row: some PositionalRow) throws -> TrackedVideo {
        try TrackedVideo(tracking: tracking(row), video: video(row, at: trackingColumnNames.count))
    }

    /// The account columns ``account(_:at:)`` reads, in order, from the table named `table`.
    static func accountColumns(_ table: String = "accounts") -> String {
        ["id", "name", "created_at", "plan", "balance_micros"].map { "\(table).\($0)" }.joined(separator: ", ")
    }

    /// An account from the ``accountColumns(_:)`` that start at column `base`.
    static func account(_ row: some PositionalRow, at base: Int = 0) throws -> Account {
        try Account(
            id: uuid(row.text(base), column: "accounts.id"), name: row.text(base + 1), createdAt: row.requiredDate(base + 2),
            plan: row.optionalText(base + 3), balance: Money(micros: row.int64(base + 4)))
    }

    static func ledgerEntry(_ row: Row) throws -> LedgerEntry {
        let trackingID: String? = try row.decode(forColumn: "tracking_id")
        return try LedgerEntry(
            id: row.decode(forColumn: "id"), accountID: uuid(row, "account_id"), at: date(row, "at")!, amount: Money(micros: row.decode(forColumn: "amount_micros")),
            balanceAfter: Money(micros: row.decode(forColumn: "balance_after_micros")), kind: enumValue(row, "kind"),
            trackingID: trackingID.flatMap(UUIDText.parse), note: row.decode(forColumn: "note"))
    }

    /// The key columns ``key(_:at:)`` reads, in order, from the table named `table`.
    static func keyColumns(_ table: String = "api_keys") -> String {
        ["id", "account_id", "name", "prefix", "hash", "created_at", "last_used_at", "revoked_at", "read_only"].map { "\(table).\($0)" }
            .joined(separator: ", ")
    }

    /// Columns in ``keyColumns(_:)``.
    static let keyColumnCount = 9

    /// A key from the ``keyColumns(_:)`` that start at column `base`.
    static func key(_ row: some PositionalRow, at base: Int = 0) throws -> APIKey {
        try APIKey(
            id: uuid(row.text(base), column: "api_keys.id"), accountID: uuid(row.text(base + 1), column: "api_keys.account_id"),
            name: row.text(base + 2), prefix: row.text(base + 3), hash: row.text(base + 4), createdAt: row.requiredDate(base + 5),
            lastUsedAt: row.date(base + 6), revokedAt: row.date(base + 7), readOnly: row.int(base + 8) != 0
        )
    }

    /// Snapshot rows with their provider's name.
    static let snapshotSelect = """
        SELECT s.video_id, s.taken_at, s.views, s.likes, s.comments, s.shares, s.saves, p.name AS provider
        FROM snapshots s JOIN providers p ON p.id = s.provider_id
        """

    static func snapshot(_ row: Row) throws -> Snapshot {
        try Snapshot(
            videoID: row.decode(forColumn: "video_id"), takenAt: date(row, "taken_at")!,
            counts: Counts(views: row.decode(forColumn: "views"), likes: row.decode(forColumn: "likes"), comments: row.decode(forColumn: "comments"), shares: row.decode(forColumn: "shares"), saves: row.decode(forColumn: "saves")),
            provider: row.decode(forColumn: "provider")
        )
    }
}

extension SQLiteRows {
    /// Row ids as one JSON array, bound to a single `json_each(?)` parameter: one statement,
    /// prepared once, whatever the number of ids (claims, record batches).
    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// SQL matching a tracking's effective status at `now` (a passed window is completed).
    static func effectiveStatusCondition(_ status: TrackingStatus, now: Int64) -> (String, StatementArguments) {
        switch status {
        case .monitoring, .paused:
            return ("(t.status = ? AND t.window_end > ?)", [status.rawValue, now])
        case .completed:
            return ("(t.status = 'completed' OR (t.status IN ('monitoring', 'paused') AND t.window_end <= ?))", [now])
        case .stopped, .unavailable:
            return ("t.status = ?", [status.rawValue])
        }
    }

    static func webhook(_ row: Row) throws -> WebhookEndpoint {
        try WebhookEndpoint(
            id: uuid(row, "id"), accountID: uuid(row, "account_id"), url: row.decode(forColumn: "url"), description: row.decode(forColumn: "description"),
            events: WebhookEventType.parseStorageList(row.decode(forColumn: "events")), secret: row.decode(forColumn: "secret"), enabled: (row.decode(forColumn: "enabled") as Int) != 0,
            disabledReason: row.decode(forColumn: "disabled_reason"), failingSince: date(row, "failing_since"), createdAt: date(row, "created_at")!,
            updatedAt: date(row, "updated_at")!)
    }

    /// A row of ``StoreSQL/dueDeliverySelect``.
    static func dueDelivery(_ row: Row) throws -> DueDelivery {
        let endpoint = try webhook(row)
        let type: WebhookEventType = try enumValue(row, "ev_type")
        let trackingID: String? = try row.decode(forColumn: "ev_tracking_id")
        let delivery = try WebhookDelivery(
            id: row.decode(forColumn: "d_id"), eventID: row.decode(forColumn: "d_event_id"), endpointID: endpoint.id, eventType: type, status: enumValue(row, "d_status"),
            attempts: row.decode(forColumn: "d_attempts"), nextAttemptAt: date(row, "d_next_attempt_at"), lastStatusCode: row.decode(forColumn: "d_last_status_code"),
            lastError: row.decode(forColumn: "d_last_error"), lastLatencyMilliseconds: row.decode(forColumn: "d_last_latency_ms"), createdAt: date(row, "d_created_at")!,
            deliveredAt: date(row, "d_delivered_at"))
        let event = try WebhookEvent(
            id: row.decode(forColumn: "d_event_id"), accountID: uuid(row, "ev_account_id"), type: type, trackingID: trackingID.flatMap(UUIDText.parse),
            videoID: row.decode(forColumn: "ev_video_id"), takenAt: date(row, "ev_taken_at"), createdAt: date(row, "ev_created_at")!,
            milestone: row.decode(forColumn: "ev_milestone"), creatorID: (row.decode(forColumn: "ev_creator_id") as String?).flatMap(UUIDText.parse))
        return DueDelivery(delivery: delivery, event: event, endpoint: endpoint)
    }
}
