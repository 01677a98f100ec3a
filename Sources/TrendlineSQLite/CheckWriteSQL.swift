/// The statements that a routine check writes on SQLite, in the order a check runs them: the
/// claim leases the due videos, each stored snapshot is inserted and its video's row updated
/// (latest counts, metadata and next check, which moves its `videos_due` entry), and the
/// batch's leases are released. The store runs them; the benchmark's storage floor runs the
/// same text with nothing around it, so that figure cannot drift from what the store writes.
package enum CheckWriteSQL {
    /// Leases up to `?4` videos due at `?2` (oldest first) whose lease has expired, until `?1`
    /// (`?3` is `?2` again); returns their ids.
    package static let claimLeases = """
        INSERT INTO video_leases (video_id, lease_until)
        SELECT v.id, ? FROM videos v LEFT JOIN video_leases l ON l.video_id = v.id
        WHERE v.next_check_at IS NOT NULL AND v.next_check_at <= ? AND (l.lease_until IS NULL OR l.lease_until <= ?)
        ORDER BY v.next_check_at LIMIT ?
        ON CONFLICT (video_id) DO UPDATE SET lease_until = excluded.lease_until
        RETURNING video_id
        """

    /// One snapshot row: video, time, the five counts, provider id. A second snapshot at the
    /// same millisecond is ignored.
    package static let insertSnapshot = """
        INSERT INTO snapshots (video_id, taken_at, views, likes, comments, shares, saves, provider_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (video_id, taken_at) DO NOTHING
        """

    /// The columns every check sets: failures cleared, the next check (`?1`), and the metadata
    /// the provider sent (`?2`-`?5`; a `NULL` keeps what the row has).
    private static let clearAndDescribe = """
        consecutive_failures = 0, unavailable_strikes = 0, last_error = NULL, next_check_at = ?, \
        title = COALESCE(?, title), author = COALESCE(?, author), published_at = COALESCE(?, published_at), \
        thumbnail_url = COALESCE(?, thumbnail_url)
        """

    /// The video's row when the snapshot is its newest: ``clearAndDescribe``, then the five
    /// counts (`?6`-`?10`), the snapshot's time (`?11`) and the video id (`?12`).
    package static let updateNewestVideo =
        "UPDATE videos SET \(clearAndDescribe), views = ?, likes = ?, comments = ?, shares = ?, saves = ?, last_snapshot_at = ? WHERE id = ?"

    /// The video's row when the snapshot is older than its newest: ``clearAndDescribe`` and the
    /// video id (`?6`).
    package static let updateOlderVideo = "UPDATE videos SET \(clearAndDescribe) WHERE id = ?"

    /// Releases the leases of the videos in the JSON array `?1`.
    package static let releaseLeases = "DELETE FROM video_leases WHERE video_id IN (SELECT value FROM json_each(?))"
}

extension CheckWriteSQL {
    /// Video ids as the one JSON array that ``releaseLeases`` takes.
    package static func idArray(_ ids: [Int64]) -> String {
        SQLiteRows.jsonArray(ids)
    }
}
