import TrendlineDomain

/// SQL fragments both backends share (standard SQL, no placeholders): the aliased column lists
/// that their row decoders read.
public enum StoreSQL {
    public static let trackingColumns = """
        t.id AS t_id, t.account_id AS t_account_id, t.video_id AS t_video_id, t.platform AS t_platform,
        t.submitted_url AS t_submitted_url, t.status AS t_status, t.status_reason AS t_status_reason,
        t.window_start AS t_window_start, t.window_end AS t_window_end, t.duration_days AS t_duration_days,
        t.cadence AS t_cadence, t.notes AS t_notes, t.ended_at AS t_ended_at,
        t.created_at AS t_created_at, t.updated_at AS t_updated_at, t.min_interval_s AS t_min_interval_s,
        t.price_micros AS t_price_micros, t.estimated_micros AS t_estimated_micros, t.charged_micros AS t_charged_micros
        """
    public static let videoColumns = """
        v.id AS v_id, v.platform AS v_platform, v.external_id AS v_external_id, v.canonical_url AS v_canonical_url,
        v.title AS v_title, v.author AS v_author, v.published_at AS v_published_at, v.thumbnail_url AS v_thumbnail_url,
        v.views AS v_views, v.likes AS v_likes, v.comments AS v_comments, v.shares AS v_shares, v.saves AS v_saves,
        v.last_snapshot_at AS v_last_snapshot_at, v.next_check_at AS v_next_check_at, v.lease_until AS v_lease_until,
        v.consecutive_failures AS v_consecutive_failures, v.last_error AS v_last_error, v.created_at AS v_created_at
        """
    /// The end of what a tracking can see (see `Tracking.visibleRange`), as an SQL expression
    /// over the trackings table named `t`.
    public static let visibleEnd = """
        CASE WHEN t.status IN ('stopped', 'unavailable') AND t.ended_at IS NOT NULL
            THEN (CASE WHEN t.ended_at < t.window_end THEN t.ended_at ELSE t.window_end END)
            ELSE t.window_end + \(Int64(Tracking.closingCheckGrace * 1000)) END
        """
    /// A tracking joined with its video.
    public static let trackedVideoSelect = "SELECT \(trackingColumns), \(videoColumns) FROM trackings t JOIN videos v ON v.id = t.video_id"
}
