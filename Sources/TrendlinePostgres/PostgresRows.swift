import Foundation
import PostgresNIO
import TrendlineDomain
import TrendlineStore

/// Column lists and row decoding shared by the PostgreSQL queries (same aliases as SQLite).
enum PostgresRows {
    static let trackingColumns = StoreSQL.trackingColumns
    static let videoColumns = StoreSQL.videoColumns
    static let trackedVideoSelect = StoreSQL.trackedVideoSelect

    static func value<T: PostgresDecodable>(_ row: PostgresRandomAccessRow, _ column: String, as type: T.Type = T.self) throws -> T {
        try row[column].decode(T.self)
    }

    static func date(_ row: PostgresRandomAccessRow, _ column: String) throws -> Date? {
        try row[column].decode(Int64?.self).map(Date.init(millisecondsSince1970:))
    }

    static func requiredDate(_ row: PostgresRandomAccessRow, _ column: String) throws -> Date {
        guard let date = try date(row, column) else { throw StoreError.corrupt("\(column) is null") }
        return date
    }

    static func uuid(_ row: PostgresRandomAccessRow, _ column: String) throws -> UUID {
        let text = try row[column].decode(String.self)
        guard let id = UUIDText.parse(text) else { throw StoreError.corrupt("bad uuid '\(text)' in \(column)") }
        return id
    }

    static func enumValue<T: RawRepresentable>(_ row: PostgresRandomAccessRow, _ column: String) throws -> T where T.RawValue == String {
        try enumValue(try row[column].decode(String.self), column)
    }

    /// `text`, read from `column`, as the enum's case.
    static func enumValue<T: RawRepresentable>(_ text: String, _ column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw StoreError.corrupt("unknown value '\(text)' in \(column)") }
        return value
    }

    static func video(_ row: PostgresRow) throws -> Video {
        let r = row.makeRandomAccess()
        let p = "v_"
        let counts = Counts(
            views: try value(r, p + "views"), likes: try value(r, p + "likes"), comments: try value(r, p + "comments"),
            shares: try value(r, p + "shares"), saves: try value(r, p + "saves"))
        let lastSnapshotAt = try date(r, p + "last_snapshot_at")
        return Video(
            id: try value(r, p + "id"), platform: try enumValue(r, p + "platform"), externalID: try value(r, p + "external_id"),
            canonicalURL: try value(r, p + "canonical_url"), title: try value(r, p + "title"), author: try value(r, p + "author"),
            publishedAt: try date(r, p + "published_at"), thumbnailURL: try value(r, p + "thumbnail_url"),
            latest: lastSnapshotAt == nil ? nil : counts, lastSnapshotAt: lastSnapshotAt,
            nextCheckAt: try date(r, p + "next_check_at"), leaseUntil: try date(r, p + "lease_until"),
            consecutiveFailures: Int(try value(r, p + "consecutive_failures", as: Int32.self)), lastError: try value(r, p + "last_error"),
            createdAt: try requiredDate(r, p + "created_at"))
    }

    static func tracking(_ row: PostgresRow) throws -> Tracking {
        let r = row.makeRandomAccess()
        let p = "t_"
        let days = Int(try value(r, p + "duration_days", as: Int32.self))
        let duration = try TrackingDuration.stored(days: days)
        return Tracking(
            id: try uuid(r, p + "id"), accountID: try uuid(r, p + "account_id"), videoID: try value(r, p + "video_id"),
            platform: try enumValue(r, p + "platform"), submittedURL: try value(r, p + "submitted_url"),
            status: try enumValue(r, p + "status"),
            window: TrackingWindow(start: try requiredDate(r, p + "window_start"), end: try requiredDate(r, p + "window_end"), duration: duration),
            cadence: try enumValue(r, p + "cadence"), notes: try value(r, p + "notes"), statusReason: try value(r, p + "status_reason"),
            endedAt: try date(r, p + "ended_at"), createdAt: try requiredDate(r, p + "created_at"), updatedAt: try requiredDate(r, p + "updated_at"),
            terms: TrackingTerms(
                minimumInterval: TimeInterval(try value(r, p + "min_interval_s", as: Int32.self)),
                pricePerSnapshot: Money(micros: try value(r, p + "price_micros")), estimatedCost: Money(micros: try value(r, p + "estimated_micros"))),
            charged: Money(micros: try value(r, p + "charged_micros")),
            reviewStatus: try enumValue(r, p + "review_status"),
            creatorID: try value(r, p + "creator_id", as: String?.self).flatMap(UUIDText.parse),
            milestones: MilestoneList.decode(try value(r, p + "milestones", as: String?.self)),
            campaign: try value(r, p + "campaign"))
    }

    static func trackedVideo(_ row: PostgresRow) throws -> TrackedVideo {
        TrackedVideo(tracking: try tracking(row), video: try video(row))
    }

    static func account(_ row: PostgresRow) throws -> Account {
        let r = row.makeRandomAccess()
        return Account(
            id: try uuid(r, "id"), name: try value(r, "name"), createdAt: try requiredDate(r, "created_at"), plan: try value(r, "plan"),
            balance: Money(micros: try value(r, "balance_micros")))
    }

    static func ledgerEntry(_ row: PostgresRow) throws -> LedgerEntry {
        let r = row.makeRandomAccess()
        let trackingID: String? = try value(r, "tracking_id")
        return LedgerEntry(
            id: try value(r, "id"), accountID: try uuid(r, "account_id"), at: try requiredDate(r, "at"),
            amount: Money(micros: try value(r, "amount_micros")), balanceAfter: Money(micros: try value(r, "balance_after_micros")),
            kind: try enumValue(r, "kind"), trackingID: trackingID.flatMap(UUIDText.parse), note: try value(r, "note"))
    }

    static func key(_ row: PostgresRow) throws -> APIKey {
        let r = row.makeRandomAccess()
        return APIKey(
            id: try uuid(r, "id"), accountID: try uuid(r, "account_id"), name: try value(r, "name"), prefix: try value(r, "prefix"),
            hash: try value(r, "hash"), createdAt: try requiredDate(r, "created_at"), lastUsedAt: try date(r, "last_used_at"),
            revokedAt: try date(r, "revoked_at"), readOnly: try value(r, "read_only", as: Int32.self) != 0)
    }

    static func snapshot(_ row: PostgresRow) throws -> Snapshot {
        let r = row.makeRandomAccess()
        return Snapshot(
            videoID: try value(r, "video_id"), takenAt: try requiredDate(r, "taken_at"),
            counts: Counts(views: try value(r, "views"), likes: try value(r, "likes"), comments: try value(r, "comments"),
                           shares: try value(r, "shares"), saves: try value(r, "saves")),
            provider: try value(r, "provider"))
    }

    static func webhook(_ row: PostgresRow) throws -> WebhookEndpoint {
        try webhook(row.makeRandomAccess())
    }

    static func webhook(_ r: PostgresRandomAccessRow) throws -> WebhookEndpoint {
        WebhookEndpoint(
            id: try uuid(r, "id"), accountID: try uuid(r, "account_id"), url: try value(r, "url"), description: try value(r, "description"),
            events: WebhookEventType.parseStorageList(try value(r, "events")), secret: try value(r, "secret"),
            enabled: try value(r, "enabled", as: Int32.self) != 0, disabledReason: try value(r, "disabled_reason"),
            failingSince: try date(r, "failing_since"), createdAt: try requiredDate(r, "created_at"), updatedAt: try requiredDate(r, "updated_at"))
    }

    /// A row of ``StoreSQL/dueDeliverySelect``.
    static func dueDelivery(_ row: PostgresRow) throws -> DueDelivery {
        let r = row.makeRandomAccess()
        let endpoint = try webhook(r)
        let type: WebhookEventType = try enumValue(r, "ev_type")
        let trackingID: String? = try value(r, "ev_tracking_id")
        let eventID: Int64 = try value(r, "d_event_id")
        let delivery = WebhookDelivery(
            id: try value(r, "d_id"), eventID: eventID, endpointID: endpoint.id, eventType: type, status: try enumValue(r, "d_status"),
            attempts: Int(try value(r, "d_attempts", as: Int32.self)), nextAttemptAt: try date(r, "d_next_attempt_at"),
            lastStatusCode: try value(r, "d_last_status_code", as: Int32?.self).map(Int.init), lastError: try value(r, "d_last_error"),
            lastLatencyMilliseconds: try value(r, "d_last_latency_ms", as: Int32?.self).map(Int.init),
            createdAt: try requiredDate(r, "d_created_at"), deliveredAt: try date(r, "d_delivered_at"))
        let event = WebhookEvent(
            id: eventID, accountID: try uuid(r, "ev_account_id"), type: type, trackingID: trackingID.flatMap(UUIDText.parse),
            videoID: try value(r, "ev_video_id"), takenAt: try date(r, "ev_taken_at"), createdAt: try requiredDate(r, "ev_created_at"),
            milestone: try value(r, "ev_milestone", as: Int64?.self),
            creatorID: try value(r, "ev_creator_id", as: String?.self).flatMap(UUIDText.parse))
        return DueDelivery(delivery: delivery, event: event, endpoint: endpoint)
    }

    /// SQL matching a tracking's effective status at `now` (a passed window is completed).
    static func effectiveStatusCondition(_ status: TrackingStatus, now: Int64, binds: inout PostgresBindings) -> String {
        switch status {
        case .monitoring, .paused:
            binds.append(status.rawValue)
            binds.append(now)
            return "(t.status = $\(binds.count - 1) AND t.window_end > $\(binds.count))"
        case .completed:
            binds.append(now)
            return "(t.status = 'completed' OR (t.status IN ('monitoring', 'paused') AND t.window_end <= $\(binds.count)))"
        case .stopped, .unavailable:
            binds.append(status.rawValue)
            return "t.status = $\(binds.count)"
        }
    }
}

extension PostgresRowSequence {
    /// Every row, transformed.
    public func collect<T>(_ transform: (PostgresRow) throws -> T) async throws -> [T] {
        var values: [T] = []
        for try await row in self { values.append(try transform(row)) }
        return values
    }
}
