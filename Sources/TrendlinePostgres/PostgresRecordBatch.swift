import Foundation
import Logging
import PostgresNIO
import TrendlineDomain
import TrendlineStore

/// Stores a provider batch of snapshots, all of whose videos are distinct, in the caller's
/// transaction with a fixed number of set statements: in the common case (no prices, webhooks,
/// milestones or ending windows) five round trips for the whole batch (lock the paying accounts,
/// lock and read the videos, read their trackings, insert the snapshots, update the videos),
/// where storing each snapshot on its own took about fifteen, one after the other. The rows to
/// write go up as one JSON array each, read back with `json_to_recordset`.
///
/// Locks are taken in the order tracking a video takes them, accounts before videos, so a
/// batch and a new tracking never wait on each other in a cycle. The decisions are the SQLite
/// store's, made from the same rows (``SnapshotTrackingRow``), so both backends pass one
/// contract suite.
struct PostgresRecordBatch {
    let records: [SnapshotRecord]
    let now: Date
    let logger: Logger

    /// Whether each record was stored, in the records' order.
    func store(on connection: PostgresConnection) async throws -> [Bool] {
        let ids = Array(Set(records.map(\.snapshot.videoID))).sorted()
        var balances = try await lockPayingAccounts(of: ids, on: connection)
        let videos = try await lockVideos(ids, on: connection)
        let trackings = try await readTrackings(of: ids, on: connection)
        // A video deleted since its claim, or whose lease another worker took over, stores nothing.
        let accepted = records.indices.filter { videos[records[$0].snapshot.videoID]?.admits(lease: records[$0].lease) ?? false }
        guard !accepted.isEmpty else { return records.map { _ in false } }
        let inserted = try await insertSnapshots(accepted.map { records[$0].snapshot }, on: connection)
        let newest = Set(accepted.map { records[$0].snapshot }.filter { snapshot in
            videos[snapshot.videoID]!.becomesLatest(snapshot, inserted: inserted.contains(snapshot.videoID))
        }.map(\.videoID))
        let staleGrowth = try await recentGrowth(of: accepted.map { records[$0].snapshot.videoID }.filter { !newest.contains($0) }, on: connection)

        var writes = PostgresRecordWrites(now: now)
        for index in accepted {
            let record = records[index]
            let videoID = record.snapshot.videoID
            let before = videos[videoID]!
            var rows = trackings[videoID] ?? []
            let wasInserted = inserted.contains(videoID)
            if wasInserted { writes.announce(record.snapshot, to: &rows) }
            writes.complete(&rows, videoID: videoID)
            if wasInserted {
                try await charge(record.snapshot, trackings: &rows, balances: &balances, writes: &writes, on: connection)
            }
            let isNewest = newest.contains(videoID)
            let next = before.nextCheck(after: record, newest: isNewest, needs: rows.map(\.need), now: now) { staleGrowth[videoID] }
            writes.updateVideo(record, newest: isNewest, next: next)
        }
        try await writes.apply(on: connection, logger: logger)
        // Only accepted records were inserted, and the batch's videos are distinct.
        return records.map { inserted.contains($0.snapshot.videoID) }
    }

    /// Locks, in id order, the accounts that a snapshot of these videos may charge, and reads
    /// their balances.
    private func lockPayingAccounts(of ids: [Int64], on connection: PostgresConnection) async throws -> [String: Money] {
        var balances: [String: Money] = [:]
        let rows = try await connection.query(
            """
            SELECT id, balance_micros FROM accounts WHERE id IN (
                SELECT account_id FROM trackings WHERE video_id = ANY(\(ids)) AND price_micros > 0 AND charged_micros < estimated_micros)
            ORDER BY id FOR UPDATE
            """, logger: logger)
        for try await (id, balance) in rows.decode((String, Int64).self) { balances[id] = Money(micros: balance) }
        return balances
    }

    /// Locks the videos in id order (the fence: a claim skips locked rows, and a lease taken
    /// over before shows here) and reads what recording needs of them.
    private func lockVideos(_ ids: [Int64], on connection: PostgresConnection) async throws -> [Int64: VideoBeforeSnapshot] {
        var videos: [Int64: VideoBeforeSnapshot] = [:]
        let rows = try await connection.query(
            """
            SELECT id, last_snapshot_at, views, published_at, created_at, lease_until FROM videos
            WHERE id = ANY(\(ids)) ORDER BY id FOR UPDATE
            """, logger: logger)
        for try await (id, last, views, published, created, lease) in rows.decode((Int64, Int64?, Int64?, Int64?, Int64, Int64?).self) {
            videos[id] = VideoBeforeSnapshot(
                lastSnapshotAt: last.map(Date.init(millisecondsSince1970:)), views: views,
                bornAt: Date(millisecondsSince1970: published ?? created), leaseUntil: lease)
        }
        return videos
    }

    /// The videos' trackings, read after the videos are locked so that one tracked meanwhile is
    /// seen, in tracking id order per video (the order their events are written in).
    private func readTrackings(of ids: [Int64], on connection: PostgresConnection) async throws -> [Int64: [SnapshotTrackingRow]] {
        var trackings: [Int64: [SnapshotTrackingRow]] = [:]
        let rows = try await connection.query(
            "SELECT \(unescaped: SnapshotTrackingRow.columns) FROM trackings t WHERE t.video_id = ANY(\(ids)) ORDER BY t.video_id, t.id",
            logger: logger)
        for try await row in rows {
            let (id, account, status, review, start, end, visibleEnd, cadence, interval, milestones, price, estimated, charged, hooked, videoID) =
                try row.decode((String, String, String, String, Int64, Int64, Int64, String, Int32, String?, Int64, Int64, Int64, Bool, Int64).self)
            trackings[videoID, default: []].append(SnapshotTrackingRow(
                id: id, accountID: account, status: try PostgresRows.enumValue(status, "status"), reviewStatus: try PostgresRows.enumValue(review, "review_status"),
                windowStart: start, windowEnd: end, visibleEnd: visibleEnd, cadence: try PostgresRows.enumValue(cadence, "cadence"),
                minimumInterval: Int64(interval), milestones: milestones,
                terms: TrackingTerms(pricePerSnapshot: Money(micros: price), estimatedCost: Money(micros: estimated)),
                charged: Money(micros: charged), hooked: hooked))
        }
        return trackings
    }

    /// Inserts the snapshots (a snapshot already stored at that time is kept) and returns the
    /// videos whose snapshot is new.
    private func insertSnapshots(_ snapshots: [Snapshot], on connection: PostgresConnection) async throws -> Set<Int64> {
        let json = try PostgresRecordWrites.json(snapshots.map(SnapshotRow.init))
        let rows = try await connection.query(
            """
            INSERT INTO snapshots (video_id, taken_at, views, likes, comments, shares, saves, provider)
            SELECT r.video_id, r.taken_at, r.views, r.likes, r.comments, r.shares, r.saves, r.provider
            FROM json_to_recordset(\(json)::json) AS r(
                video_id bigint, taken_at bigint, views bigint, likes bigint, comments bigint, shares bigint, saves bigint, provider text)
            ON CONFLICT (video_id, taken_at) DO NOTHING
            RETURNING video_id
            """, logger: logger)
        var inserted: Set<Int64> = []
        for try await id in rows.decode(Int64.self) { inserted.insert(id) }
        return inserted
    }

    /// The growth between the two latest snapshots of each video, for the records that did not
    /// become their video's latest.
    private func recentGrowth(of ids: [Int64], on connection: PostgresConnection) async throws -> [Int64: Double] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT u.id, s.taken_at, s.views FROM unnest(\(ids)::bigint[]) AS u(id)
            CROSS JOIN LATERAL (SELECT taken_at, views FROM snapshots WHERE video_id = u.id ORDER BY taken_at DESC LIMIT 2) s
            ORDER BY u.id, s.taken_at DESC
            """, logger: logger)
        var recent: [Int64: [(Date, Int64?)]] = [:]
        for try await (id, taken, views) in rows.decode((Int64, Int64, Int64?).self) {
            recent[id, default: []].append((Date(millisecondsSince1970: taken), views))
        }
        return recent.compactMapValues { pair in
            pair.count == 2 ? NextCheckPlanner.growthPerHour(from: pair[1], to: pair[0]) : nil
        }
    }

    /// Charges a newly stored snapshot to every paying tracking whose window holds it. An account
    /// the first lock did not take (a price set after it) is locked here.
    private func charge(
        _ snapshot: Snapshot, trackings rows: inout [SnapshotTrackingRow], balances: inout [String: Money], writes: inout PostgresRecordWrites,
        on connection: PostgresConnection
    ) async throws {
        for index in rows.indices where rows[index].isCharged(for: snapshot.takenAt.ms) {
            let accountID = rows[index].accountID
            if balances[accountID] == nil {
                let rows = try await connection.query(
                    "SELECT balance_micros FROM accounts WHERE id = \(accountID) FOR UPDATE", logger: logger)
                for try await balance in rows.decode(Int64.self) { balances[accountID] = Money(micros: balance) }
            }
            guard let balance = balances[accountID] else { continue }
            let amount = rows[index].terms.charge(after: rows[index].charged, balance: balance)
            guard amount > .zero else { continue }
            balances[accountID] = balance - amount
            rows[index].charged = rows[index].charged + amount
            writes.charge(rows[index], amount: amount, balanceAfter: balance - amount, takenAt: snapshot.takenAt)
        }
    }

    /// A snapshot as `insertSnapshots` sends it.
    struct SnapshotRow: Encodable {
        let videoID: Int64
        let takenAt: Int64
        let views, likes, comments, shares, saves: Int64?
        let provider: String

        init(_ snapshot: Snapshot) {
            videoID = snapshot.videoID
            takenAt = snapshot.takenAt.ms
            views = snapshot.counts.views
            likes = snapshot.counts.likes
            comments = snapshot.counts.comments
            shares = snapshot.counts.shares
            saves = snapshot.counts.saves
            provider = snapshot.provider
        }

        enum CodingKeys: String, CodingKey {
            case videoID = "video_id"
            case takenAt = "taken_at"
            case views
            case likes
            case comments
            case shares
            case saves
            case provider
        }
    }
}
