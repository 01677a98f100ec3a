import Foundation
import PostgresNIO
import TrendlineDomain
import TrendlineStore

extension PostgresRepository {
    public func snapshots(videoID: Int64, in range: ClosedRange<Date>, after cursor: Date?, limit: Int) async throws -> [Snapshot] {
        let lower = cursor.map { max($0.ms + 1, range.lowerBound.ms) } ?? range.lowerBound.ms
        return try await guarded { [self] in
            try await client.query(
                """
                SELECT * FROM snapshots WHERE video_id = \(videoID) AND taken_at >= \(lower) AND taken_at <= \(range.upperBound.ms)
                ORDER BY taken_at LIMIT \(Int64(max(0, limit)))
                """, logger: logger
            ).collect(PostgresRows.snapshot)
        }
    }

    public func latestSnapshot(videoID: Int64, in range: ClosedRange<Date>) async throws -> Snapshot? {
        try await guarded { [self] in
            try await client.query(
                """
                SELECT * FROM snapshots WHERE video_id = \(videoID) AND taken_at >= \(range.lowerBound.ms) AND taken_at <= \(range.upperBound.ms)
                ORDER BY taken_at DESC LIMIT 1
                """, logger: logger
            ).collect(PostgresRows.snapshot).first
        }
    }

    /// One query per ``lookupsPerQuery`` lookups: the lookups as three arrays, each joined
    /// laterally to its newest snapshot in range (an index read each).
    public func latestSnapshots(_ lookups: [SnapshotLookup]) async throws -> [Snapshot?] {
        var found: [Snapshot?] = []
        found.reserveCapacity(lookups.count)
        for start in stride(from: 0, to: lookups.count, by: Self.lookupsPerQuery) {
            let chunk = Array(lookups[start..<min(start + Self.lookupsPerQuery, lookups.count)])
            let ids = chunk.map(\.videoID), lower = chunk.map(\.range.lowerBound.ms), upper = chunk.map(\.range.upperBound.ms)
            let rows = try await guarded { [self] in
                try await client.query(
                    """
                    SELECT l.i, s.* FROM unnest(\(ids)::bigint[], \(lower)::bigint[], \(upper)::bigint[]) WITH ORDINALITY AS l(video_id, lower_ms, upper_ms, i)
                    CROSS JOIN LATERAL (
                        SELECT * FROM snapshots s WHERE s.video_id = l.video_id AND s.taken_at >= l.lower_ms AND s.taken_at <= l.upper_ms
                        ORDER BY s.taken_at DESC LIMIT 1) s
                    """, logger: logger
                ).collect { row in (index: Int(try row.makeRandomAccess()["i"].decode(Int64.self)) - 1, snapshot: try PostgresRows.snapshot(row)) }
            }
            var byIndex = [Snapshot?](repeating: nil, count: chunk.count)
            for row in rows { byIndex[row.index] = row.snapshot }
            found += byIndex
        }
        return found
    }

    static let lookupsPerQuery = 1_000

    /// One query: the lookups as three arrays, joined to their snapshots in range.
    public func snapshotRuns(_ lookups: [SnapshotLookup]) async throws -> [[Snapshot]] {
        guard !lookups.isEmpty else { return [] }
        let ids = lookups.map(\.videoID), lower = lookups.map(\.range.lowerBound.ms), upper = lookups.map(\.range.upperBound.ms)
        let rows = try await guarded { [self] in
            try await client.query(
                """
                SELECT l.i, s.* FROM unnest(\(ids)::bigint[], \(lower)::bigint[], \(upper)::bigint[]) WITH ORDINALITY AS l(video_id, lower_ms, upper_ms, i)
                JOIN snapshots s ON s.video_id = l.video_id AND s.taken_at >= l.lower_ms AND s.taken_at <= l.upper_ms
                ORDER BY l.i, s.taken_at
                """, logger: logger
            ).collect { row in (index: Int(try row.makeRandomAccess()["i"].decode(Int64.self)) - 1, snapshot: try PostgresRows.snapshot(row)) }
        }
        var runs = [[Snapshot]](repeating: [], count: lookups.count)
        for row in rows { runs[row.index].append(row.snapshot) }
        return runs
    }

    public func claimDueVideos(at date: Date, limit: Int, leaseUntil: Date) async throws -> [Video] {
        try await guarded { [self] in
            try await client.query(
                """
                UPDATE videos v SET lease_until = \(leaseUntil.ms)
                WHERE v.id IN (
                    SELECT id FROM videos
                    WHERE next_check_at IS NOT NULL AND next_check_at <= \(date.ms) AND (lease_until IS NULL OR lease_until <= \(date.ms))
                    ORDER BY next_check_at LIMIT \(Int64(max(0, limit)))
                    FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: PostgresRows.videoColumns)
                """, logger: logger
            ).collect(PostgresRows.video)
            .sorted { ($0.nextCheckAt ?? .distantPast, $0.id) < ($1.nextCheckAt ?? .distantPast, $1.id) }
        }
    }

    /// One transaction per provider batch, written with set statements (``PostgresRecordBatch``).
    /// A video that appears more than once is stored in turns, each seeing the one before.
    public func recordSnapshots(_ records: [SnapshotRecord], at date: Date) async throws -> [Bool] {
        guard !records.isEmpty else { return [] }
        let now = date.truncatedToMilliseconds
        let waves = Self.waves(of: records)
        return try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                var stored = Array(repeating: false, count: records.count)
                for wave in waves {
                    let results = try await PostgresRecordBatch(records: wave.map { records[$0] }, now: now, logger: logger).store(on: connection)
                    for (index, result) in zip(wave, results) { stored[index] = result }
                }
                return stored
            }
        }
    }

    /// The records' positions split into turns whose videos are distinct: a video's first record
    /// goes in the first turn, its second in the second, and so on.
    static func waves(of records: [SnapshotRecord]) -> [[Int]] {
        var seen: [Int64: Int] = [:]
        var waves: [[Int]] = []
        for (index, record) in records.enumerated() {
            let turn = seen[record.snapshot.videoID, default: 0]
            seen[record.snapshot.videoID] = turn + 1
            if turn == waves.count { waves.append([]) }
            waves[turn].append(index)
        }
        return waves
    }

    public func video(id: Int64) async throws -> Video? {
        try await guarded { [self] in
            try await client.query("SELECT \(unescaped: PostgresRows.videoColumns) FROM videos v WHERE v.id = \(id)", logger: logger)
                .collect(PostgresRows.video).first
        }
    }

    public func postponeCheck(videoID: Int64, until: Date, error: String) async throws {
        _ = try await guarded { [self] in
            try await client.query(
                """
                UPDATE videos SET next_check_at = CASE WHEN next_check_at IS NULL THEN NULL ELSE \(until.ms) END, lease_until = NULL,
                    consecutive_failures = consecutive_failures + 1, last_error = \(StoredText.storable(String(error.prefix(2000))))
                WHERE id = \(videoID)
                """, logger: logger)
        }
    }

    @discardableResult
    public func reportUnavailable(videoID: Int64, reason: String, recheckAt: Date, at date: Date) async throws -> Bool {
        let now = date.truncatedToMilliseconds
        return try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let strikes = try await connection.query(
                    """
                    UPDATE videos SET unavailable_strikes = unavailable_strikes + 1, last_error = \(StoredText.storable(reason)), lease_until = NULL
                    WHERE id = \(videoID) RETURNING unavailable_strikes
                    """, logger: logger
                ).collect({ try $0.decode(Int32.self) }).first ?? 0
                guard strikes >= 2 else {
                    try await connection.query(
                        "UPDATE videos SET next_check_at = CASE WHEN next_check_at IS NULL THEN NULL ELSE \(recheckAt.ms) END WHERE id = \(videoID)",
                        logger: logger)
                    return false
                }
                try await self.writeEvents(
                    .videoUnavailable, videoID: videoID, takenAt: nil, condition: "t.status IN ('monitoring', 'paused')", binds: [], at: now, on: connection)
                try await connection.query(
                    """
                    UPDATE trackings SET status = 'unavailable', status_reason = \(reason), ended_at = \(now.ms), updated_at = \(now.ms)
                    WHERE video_id = \(videoID) AND status IN ('monitoring', 'paused')
                    """, logger: logger)
                try await self.planNextCheck(videoID: videoID, at: now, on: connection)
                return true
            }
        }
    }

    public func takeManualRefresh(trackingID: UUID, limit: Int, at date: Date) async throws -> Bool {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                // Serialize refreshes of one tracking across nodes.
                try await connection.query("SELECT id FROM trackings WHERE id = \(trackingID.storageString) FOR UPDATE", logger: logger)
                // Only the last 24 hours count: older rows go, so the table stays small.
                try await connection.query(
                    "DELETE FROM manual_refreshes WHERE tracking_id = \(trackingID.storageString) AND at <= \(date.ms - 86_400_000)", logger: logger)
                let recent = try await connection.query(
                    "SELECT COUNT(*) FROM manual_refreshes WHERE tracking_id = \(trackingID.storageString) AND at > \(date.ms - 86_400_000)",
                    logger: logger
                ).collect({ try $0.decode(Int64.self) }).first ?? 0
                guard recent < limit else { return false }
                try await connection.query(
                    "INSERT INTO manual_refreshes (tracking_id, at) VALUES (\(trackingID.storageString), \(date.ms))", logger: logger)
                return true
            }
        }
    }

    public func takeRateTokens(bucket name: String, capacity: Double, refillPerSecond: Double, cost: Double, at date: Date) async throws -> RateTake {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                // Create the bucket full if missing, then lock it: concurrent takes from several
                // nodes queue here and each sees the previous one's result.
                try await connection.query(
                    "INSERT INTO rate_buckets (bucket, tokens, updated_at) VALUES (\(name), \(capacity), \(date.ms)) ON CONFLICT (bucket) DO NOTHING",
                    logger: logger)
                let row = try await connection.query(
                    "SELECT tokens, updated_at FROM rate_buckets WHERE bucket = \(name) FOR UPDATE", logger: logger
                ).collect { try $0.decode((Double, Int64).self) }.first
                var bucket = TokenBucket(
                    capacity: capacity, refillPerSecond: refillPerSecond, tokens: row?.0 ?? capacity,
                    updatedAt: row.map { Date(millisecondsSince1970: $0.1) } ?? date)
                let allowed = bucket.take(cost, at: date)
                try await connection.query(
                    "UPDATE rate_buckets SET tokens = \(bucket.tokens), updated_at = \(bucket.updatedAt.ms) WHERE bucket = \(name)", logger: logger)
                return RateTake(allowed: allowed, bucket: bucket)
            }
        }
    }
}

