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

    static func date(_ row: Row, _ column: String) -> Date? {
        (row[column] as Int64?).map(Date.init(millisecondsSince1970:))
    }

    static func uuid(_ row: Row, _ column: String) throws -> UUID {
        try uuid(row[column] as String, column: column)
    }

    static func uuid(_ text: String, column: String = "id") throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw StoreError.corrupt("bad uuid '\(text)' in \(column)") }
        return id
    }

    static func enumValue<T: RawRepresentable>(_ row: Row, _ column: String) throws -> T where T.RawValue == String {
        let text: String = row[column]
        guard let value = T(rawValue: text) else { throw StoreError.corrupt("unknown value '\(text)' in \(column)") }
        return value
    }

    static func video(_ row: Row, prefix p: String = "v_") throws -> Video {
        let counts = Counts(views: row[p + "views"], likes: row[p + "likes"], comments: row[p + "comments"], shares: row[p + "shares"], saves: row[p + "saves"])
        let lastSnapshotAt = date(row, p + "last_snapshot_at")
        return Video(
            id: row[p + "id"], platform: try enumValue(row, p + "platform"), externalID: row[p + "external_id"],
            canonicalURL: row[p + "canonical_url"], title: row[p + "title"], author: row[p + "author"],
            publishedAt: date(row, p + "published_at"), thumbnailURL: row[p + "thumbnail_url"],
            latest: lastSnapshotAt == nil ? nil : counts, lastSnapshotAt: lastSnapshotAt,
            nextCheckAt: date(row, p + "next_check_at"), leaseUntil: date(row, p + "lease_until"),
            consecutiveFailures: row[p + "consecutive_failures"], lastError: row[p + "last_error"],
            createdAt: date(row, p + "created_at")!
        )
    }

    static func tracking(_ row: Row, prefix p: String = "t_") throws -> Tracking {
        let days: Int = row[p + "duration_days"]
        guard let duration = try? TrackingDuration(days: days) else { throw StoreError.corrupt("bad duration \(days)") }
        return Tracking(
            id: try uuid(row, p + "id"), accountID: try uuid(row, p + "account_id"), videoID: row[p + "video_id"],
            platform: try enumValue(row, p + "platform"), submittedURL: row[p + "submitted_url"],
            status: try enumValue(row, p + "status"),
            window: TrackingWindow(start: date(row, p + "window_start")!, end: date(row, p + "window_end")!, duration: duration),
            cadence: try enumValue(row, p + "cadence"), notes: row[p + "notes"], statusReason: row[p + "status_reason"],
            endedAt: date(row, p + "ended_at"), createdAt: date(row, p + "created_at")!, updatedAt: date(row, p + "updated_at")!,
            terms: TrackingTerms(
                minimumInterval: TimeInterval(row[p + "min_interval_s"] as Int64), pricePerSnapshot: Money(micros: row[p + "price_micros"]),
                estimatedCost: Money(micros: row[p + "estimated_micros"])),
            charged: Money(micros: row[p + "charged_micros"]),
            reviewStatus: try enumValue(row, p + "review_status"),
            creatorID: (row[p + "creator_id"] as String?).flatMap(UUID.init(uuidString:)),
            milestones: MilestoneList.decode(row[p + "milestones"])
        )
    }

    static func trackedVideo(_ row: Row) throws -> TrackedVideo {
        TrackedVideo(tracking: try tracking(row), video: try video(row))
    }

    static func account(_ row: Row) throws -> Account {
        Account(
            id: try uuid(row, "id"), name: row["name"], createdAt: date(row, "created_at")!, plan: row["plan"],
            balance: Money(micros: row["balance_micros"]))
    }

    static func ledgerEntry(_ row: Row) throws -> LedgerEntry {
        let trackingID: String? = row["tracking_id"]
        return LedgerEntry(
            id: row["id"], accountID: try uuid(row, "account_id"), at: date(row, "at")!, amount: Money(micros: row["amount_micros"]),
            balanceAfter: Money(micros: row["balance_after_micros"]), kind: try enumValue(row, "kind"),
            trackingID: trackingID.flatMap(UUID.init(uuidString:)), note: row["note"])
    }

    static func key(_ row: Row) throws -> APIKey {
        APIKey(
            id: try uuid(row, "id"), accountID: try uuid(row, "account_id"), name: row["name"], prefix: row["prefix"],
            hash: row["hash"], createdAt: date(row, "created_at")!, lastUsedAt: date(row, "last_used_at"),
            revokedAt: date(row, "revoked_at")
        )
    }

    /// Snapshot rows with their provider's name.
    static let snapshotSelect = """
        SELECT s.video_id, s.taken_at, s.views, s.likes, s.comments, s.shares, s.saves, p.name AS provider
        FROM snapshots s JOIN providers p ON p.id = s.provider_id
        """

    static func snapshot(_ row: Row) -> Snapshot {
        Snapshot(
            videoID: row["video_id"], takenAt: date(row, "taken_at")!,
            counts: Counts(views: row["views"], likes: row["likes"], comments: row["comments"], shares: row["shares"], saves: row["saves"]),
            provider: row["provider"]
        )
    }
}

extension UUID {
    /// The form every store keeps: lowercase.
    var storageString: String { uuidString.lowercased() }
}

extension Date {
    var ms: Int64 { millisecondsSince1970 }
}

extension SQLiteRows {
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
        WebhookEndpoint(
            id: try uuid(row, "id"), accountID: try uuid(row, "account_id"), url: row["url"], description: row["description"],
            events: WebhookEventType.parseStorageList(row["events"]), secret: row["secret"], enabled: (row["enabled"] as Int) != 0,
            disabledReason: row["disabled_reason"], failingSince: date(row, "failing_since"), createdAt: date(row, "created_at")!,
            updatedAt: date(row, "updated_at")!)
    }

    /// A row of ``StoreSQL/dueDeliverySelect``.
    static func dueDelivery(_ row: Row) throws -> DueDelivery {
        let endpoint = try webhook(row)
        let type: WebhookEventType = try enumValue(row, "ev_type")
        let trackingID: String? = row["ev_tracking_id"]
        let delivery = WebhookDelivery(
            id: row["d_id"], eventID: row["d_event_id"], endpointID: endpoint.id, eventType: type, status: try enumValue(row, "d_status"),
            attempts: row["d_attempts"], nextAttemptAt: date(row, "d_next_attempt_at"), lastStatusCode: row["d_last_status_code"],
            lastError: row["d_last_error"], lastLatencyMilliseconds: row["d_last_latency_ms"], createdAt: date(row, "d_created_at")!,
            deliveredAt: date(row, "d_delivered_at"))
        let event = WebhookEvent(
            id: row["d_event_id"], accountID: try uuid(row, "ev_account_id"), type: type, trackingID: trackingID.flatMap(UUID.init(uuidString:)),
            videoID: row["ev_video_id"], takenAt: date(row, "ev_taken_at"), createdAt: date(row, "ev_created_at")!,
            milestone: row["ev_milestone"], creatorID: (row["ev_creator_id"] as String?).flatMap(UUID.init(uuidString:)))
        return DueDelivery(delivery: delivery, event: event, endpoint: endpoint)
    }
}
