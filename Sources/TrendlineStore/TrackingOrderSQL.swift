import TrendlineDomain

/// The SQL a list of trackings in a ``TrackingOrder`` is ranked by: the rules of
/// ``TrendlineRepository/visibleLatest(_:)`` and ``TrendlineRepository/visibleDayBefore(_:latest:)``
/// written over the tracking `t` and its video `v`, in standard SQL both backends run.
extension StoreSQL {
    /// The value a list in `order` is ranked by (``TrackingOrder/noValue`` when the tracking has
    /// none); `nil` for ``TrackingOrder/newest``.
    public static func orderValue(_ order: TrackingOrder) -> String? {
        let value: String
        switch order {
        case .newest: return nil
        case .views, .likes, .comments, .shares, .saves: value = visibleCounter(order.rawValue)
        case .viewsGained24h: value = "(\(visibleCounter("views")) - \(dayBeforeViews))"
        case .engagementRate: value = engagementPerMillion
        }
        return "COALESCE(\(value), \(TrackingOrder.noValue))"
    }

    /// Whether the video row's counts are the newest the tracking may see.
    static let rowIsVisible = "v.last_snapshot_at >= t.window_start AND v.last_snapshot_at <= (\(visibleEnd))"

    /// The newest value of `column` (a snapshot counter) the tracking may see: the video row's
    /// when its last snapshot falls in the visible range, else the newest snapshot in that range
    /// (an ended tracking of a video others still track); NULL when there is none.
    static func visibleCounter(_ column: String) -> String {
        """
        (CASE WHEN \(rowIsVisible) THEN v.\(column)
            ELSE (SELECT s.\(column) FROM snapshots s WHERE s.video_id = t.video_id AND s.taken_at >= t.window_start
                AND s.taken_at <= (\(visibleEnd)) ORDER BY s.taken_at DESC LIMIT 1) END)
        """
    }

    /// ``Counts/engagementRate`` of the visible counts in parts per million (integer division, as
    /// both backends divide integers); NULL without views.
    static let engagementPerMillion = """
        (CASE WHEN \(visibleCounter("views")) > 0
            THEN ((COALESCE(\(visibleCounter("likes")), 0) + COALESCE(\(visibleCounter("comments")), 0) + COALESCE(\(visibleCounter("shares")), 0)
                + COALESCE(\(visibleCounter("saves")), 0)) * 1000000) / \(visibleCounter("views")) END)
        """

    /// When the newest snapshot the tracking may see was taken.
    static let visibleLatestAt = """
        (CASE WHEN \(rowIsVisible) THEN v.last_snapshot_at
            ELSE (SELECT MAX(s.taken_at) FROM snapshots s WHERE s.video_id = t.video_id AND s.taken_at >= t.window_start
                AND s.taken_at <= (\(visibleEnd))) END)
        """

    /// The views of the newest visible snapshot at least ``Snapshot/dayBefore`` older than that.
    static let dayBeforeViews = """
        (SELECT s.views FROM snapshots s WHERE s.video_id = t.video_id AND s.taken_at >= t.window_start
            AND s.taken_at <= \(visibleLatestAt) - \(Int64(Snapshot.dayBefore * 1000)) ORDER BY s.taken_at DESC LIMIT 1)
        """
}
