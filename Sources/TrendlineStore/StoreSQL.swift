import TrendlineDomain

/// SQL both backends share (standard SQL): the aliased column lists that their row decoders
/// read, and statements that number their placeholders in the backend's ``BindStyle``.
public enum StoreSQL {
    /// Pending deliveries of a disabled endpoint wait, parked without a next attempt (so they
    /// leave the due index), until it is enabled again and they are due at once. Binds: the
    /// endpoint id.
    public static func parkDeliveries(_ bind: BindStyle) -> String {
        "UPDATE webhook_deliveries SET next_attempt_at = NULL WHERE endpoint_id = \(bind(1)) AND status = 'pending'"
    }
    /// The parked deliveries of an endpoint enabled again, due at once. Binds: the endpoint id,
    /// then the time.
    public static func resumeDeliveries(_ bind: BindStyle) -> String {
        "UPDATE webhook_deliveries SET next_attempt_at = \(bind(2)) WHERE endpoint_id = \(bind(1)) AND status = 'pending' AND next_attempt_at IS NULL"
    }
    /// ``WebhookStore/redeliverFailed(endpointID:accountID:since:at:)``. Binds: the endpoint, its
    /// account, the earliest creation time, then the time.
    public static func redeliverFailed(_ bind: BindStyle) -> String {
        """
        UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = \(bind(4)), lease_until = NULL
        WHERE endpoint_id = \(bind(1)) AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE account_id = \(bind(2)))
            AND status = 'failed' AND created_at >= \(bind(3))
        """
    }
    /// The filter's time bounds as conditions over the tracking `t` and its video `v`
    /// (inclusive); `bind` binds one value (milliseconds) and answers its placeholder.
    public static func boundConditions(_ filter: TrackingFilter, _ bind: (Int64) -> String) -> [String] {
        [(filter.published.from, "v.published_at >="), (filter.published.to, "v.published_at <="),
         (filter.added.from, "t.created_at >="), (filter.added.to, "t.created_at <=")]
            .compactMap { bound, condition in bound.map { "\(condition) \(bind($0.ms))" } }
    }

    /// A search word's condition over the tracking `t` and its video `v`: the title, the author
    /// or the notes contains it. `like` is the backend's case-insensitive `LIKE`, and `column`
    /// what it is applied to: SQLite's `LIKE` ignores the case of ASCII letters only, so for a
    /// word with other letters SQLite compares the columns lowercased by Swift (GRDB's
    /// `swiftLowercaseString`) with the word lowercased the same way; PostgreSQL's `ILIKE`
    /// compares the columns under ICU's root collation, which folds every letter whatever the
    /// database's locale (`SearchFolding`). `bind` writes the placeholder of the
    /// word's pattern (``SearchWords/likePattern(_:)``), bound three times.
    public static func searchCondition(like: String, column: (String) -> String = { $0 }, _ bind: () -> String) -> String {
        "(" + ["v.title", "v.author", "t.notes"].map { "\(column($0)) \(like) \(bind()) ESCAPE '\\'" }.joined(separator: " OR ") + ")"
    }
    /// Claims only deliveries whose endpoint is enabled (a redelivery asked of a disabled one
    /// waits too).
    public static let deliveryEndpointEnabled = "endpoint_id IN (SELECT id FROM webhook_endpoints WHERE enabled = 1)"
    /// What pruning the webhook log deletes from each table, in order (deliveries first, so
    /// their events are then free to go): a condition over the table's own columns.
    public static let webhookLogPrunable = [
        ("webhook_deliveries", "status <> 'pending'"),
        ("webhook_events", "fanned_out = 1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id)"),
    ]
    public static let trackingColumns = """
        t.id AS t_id, t.account_id AS t_account_id, t.video_id AS t_video_id, t.platform AS t_platform,
        t.submitted_url AS t_submitted_url, t.status AS t_status, t.status_reason AS t_status_reason,
        t.window_start AS t_window_start, t.window_end AS t_window_end, t.duration_days AS t_duration_days,
        t.cadence AS t_cadence, t.notes AS t_notes, t.ended_at AS t_ended_at,
        t.created_at AS t_created_at, t.updated_at AS t_updated_at, t.min_interval_s AS t_min_interval_s,
        t.price_micros AS t_price_micros, t.estimated_micros AS t_estimated_micros, t.charged_micros AS t_charged_micros,
        t.review_status AS t_review_status, t.creator_id AS t_creator_id, t.milestones AS t_milestones, t.campaign AS t_campaign
        """
    /// What a ``CampaignSummary`` is read from, over the trackings table named `t` (each backend
    /// adds `t.account_id = <bind> AND` before ``campaignSummaryConditions``).
    public static let campaignSummaryColumns = "t.campaign AS campaign, COUNT(*) AS videos, MAX(t.created_at) AS last_added_at"
    public static let campaignSummaryConditions = """
        t.campaign IS NOT NULL AND t.review_status <> 'excluded' GROUP BY t.campaign ORDER BY last_added_at DESC, t.campaign
        """
    /// The video columns, aliased `v_…`, as the row decoders read them.
    public static let videoColumns = videoColumns(leaseUntil: "v.lease_until")
    /// The video columns with the lease read from `leaseUntil`, an SQL expression over the videos
    /// table named `v` (SQLite keeps leases in their own table).
    public static func videoColumns(leaseUntil: String) -> String {
        """
        v.id AS v_id, v.platform AS v_platform, v.external_id AS v_external_id, v.canonical_url AS v_canonical_url,
        v.title AS v_title, v.author AS v_author, v.published_at AS v_published_at, v.thumbnail_url AS v_thumbnail_url,
        v.views AS v_views, v.likes AS v_likes, v.comments AS v_comments, v.shares AS v_shares, v.saves AS v_saves,
        v.last_snapshot_at AS v_last_snapshot_at, v.next_check_at AS v_next_check_at, \(leaseUntil) AS v_lease_until,
        v.consecutive_failures AS v_consecutive_failures, v.last_error AS v_last_error, v.created_at AS v_created_at
        """
    }
    /// Over the trackings still wanting snapshots (status monitoring or paused, window not
    /// ended; each backend adds the `window_end > now` bind): how many there are, counted
    /// against a plan's video limit, and what they may still be charged (their credit hold).
    public static let activeAndHeldColumns = """
        COUNT(*) AS active,
        CAST(COALESCE(SUM(CASE WHEN estimated_micros > charged_micros THEN estimated_micros - charged_micros ELSE 0 END), 0) AS BIGINT) AS held
        """
    public static let activeStatuses = "status IN ('monitoring', 'paused')"

    /// The end of what a tracking can see (see `Tracking.visibleRange`), as an SQL expression
    /// over the trackings table named `t`.
    public static let visibleEnd = """
        CASE WHEN t.status IN ('stopped', 'unavailable') AND t.ended_at IS NOT NULL
            THEN (CASE WHEN t.ended_at < t.window_end THEN t.ended_at ELSE t.window_end END)
            ELSE t.window_end + \(Int64(Tracking.closingCheckGrace * 1000)) END
        """
    /// A tracking joined with its video.
    public static let trackedVideoSelect = trackedVideoSelect(videoColumns: videoColumns)
    /// A tracking joined with its video, the video read through `videoColumns`.
    public static func trackedVideoSelect(videoColumns: String) -> String {
        "SELECT \(trackingColumns), \(videoColumns) FROM trackings t JOIN videos v ON v.id = t.video_id"
    }
    /// ``trackedVideoSelect(videoColumns:)`` with the expression a list is ordered by last, as
    /// `sort_value`.
    public static func trackedVideoSelect(videoColumns: String, sortValue: String) -> String {
        "SELECT \(trackingColumns), \(videoColumns), \(sortValue) AS sort_value FROM trackings t JOIN videos v ON v.id = t.video_id"
    }

    /// Restricts an event insert to trackings (`t`) whose account has an enabled endpoint, so
    /// accounts without webhooks write no outbox rows.
    public static let hasEnabledWebhook =
        "EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.account_id = t.account_id AND e.enabled = 1)"
    /// The columns of a delivery joined with its event (`ev`) and endpoint (`e`), for ``DueDelivery``.
    public static let dueDeliverySelect = """
        SELECT d.id AS d_id, d.event_id AS d_event_id, d.endpoint_id AS d_endpoint_id, d.status AS d_status,
            d.attempts AS d_attempts, d.next_attempt_at AS d_next_attempt_at, d.last_status_code AS d_last_status_code,
            d.last_error AS d_last_error, d.last_latency_ms AS d_last_latency_ms, d.created_at AS d_created_at,
            d.delivered_at AS d_delivered_at, ev.type AS ev_type, ev.account_id AS ev_account_id, ev.tracking_id AS ev_tracking_id,
            ev.video_id AS ev_video_id, ev.taken_at AS ev_taken_at, ev.created_at AS ev_created_at,
            ev.milestone AS ev_milestone, ev.creator_id AS ev_creator_id, e.*
        FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id JOIN webhook_endpoints e ON e.id = d.endpoint_id
        """
}
