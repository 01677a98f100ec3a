import Foundation
import Logging
import PostgresNIO
import TrendlineDomain
import TrendlineStore

/// What a ``PostgresRecordBatch`` decided to write, gathered record by record in the batch's
/// order and written at the end with one statement per kind of change (each skipped when there
/// is none): the videos' updates, the outbox events (in the order they were decided), the
/// milestones, the completed trackings, and the charges with their ledger rows and balances.
struct PostgresRecordWrites {
    let now: Date
    private var videos: [VideoRow] = []
    private var events: [EventRow] = []
    private var milestones: [MilestoneRow] = []
    private var completedVideos: [Int64] = []
    private var charges: [ChargeRow] = []
    private var ledger: [LedgerRow] = []
    private var balances: [String: Int64] = [:]

    init(now: Date) {
        self.now = now
    }

    /// A new snapshot's events and milestones (``SnapshotTrackingRow/announce(_:to:event:milestones:)``).
    mutating func announce(_ snapshot: Snapshot, to rows: inout [SnapshotTrackingRow]) {
        SnapshotTrackingRow.announce(snapshot, to: &rows) { type, tracking, milestone in
            event(type, for: tracking, videoID: snapshot.videoID, takenAt: snapshot.takenAt.ms, milestone: milestone)
        } milestones: { tracking in
            milestones.append(MilestoneRow(id: tracking.id, milestones: tracking.milestones))
        }
    }

    /// Completes the trackings whose window has ended (`tracking.completed` each), in the rows
    /// now and in the table when applied.
    mutating func complete(_ rows: inout [SnapshotTrackingRow], videoID: Int64) {
        let ended = SnapshotTrackingRow.complete(&rows, at: now.ms) { tracking in
            event(.trackingCompleted, for: tracking, videoID: videoID, takenAt: nil)
        }
        if ended { completedVideos.append(videoID) }
    }

    /// One charge of a tracking, with its ledger row; the account's balance is the last one given.
    mutating func charge(_ tracking: SnapshotTrackingRow, amount: Money, balanceAfter: Money, takenAt: Date) {
        charges.append(ChargeRow(id: tracking.id, amount: amount.micros))
        ledger.append(LedgerRow(
            n: ledger.count, accountID: tracking.accountID, at: takenAt.ms, amountMicros: (.zero - amount).micros,
            balanceAfterMicros: balanceAfter.micros, kind: LedgerEntry.Kind.snapshot.rawValue, trackingID: tracking.id))
        balances[tracking.accountID] = balanceAfter.micros
    }

    /// Counts (when the snapshot is the video's newest), metadata, the next check, cleared
    /// failures and the released lease, in one write of the video row.
    mutating func updateVideo(_ record: SnapshotRecord, newest: Bool, next: Date?) {
        let counts = record.snapshot.counts
        videos.append(VideoRow(
            id: record.snapshot.videoID, nextCheckAt: next?.ms, title: StoredText.storable(record.metadata.title), author: StoredText.storable(record.metadata.author),
            publishedAt: record.metadata.publishedAt?.ms, thumbnailURL: StoredText.storable(record.metadata.thumbnailURL), newest: newest,
            views: counts.views, likes: counts.likes, comments: counts.comments, shares: counts.shares, saves: counts.saves,
            takenAt: record.snapshot.takenAt.ms))
    }

    private mutating func event(_ type: WebhookEventType, for tracking: SnapshotTrackingRow, videoID: Int64, takenAt: Int64?, milestone: Int64? = nil) {
        events.append(EventRow(
            n: events.count, accountID: tracking.accountID, type: type.rawValue, trackingID: tracking.id, videoID: videoID,
            takenAt: takenAt, createdAt: now.ms, milestone: milestone))
    }

    /// Writes everything gathered, in the caller's transaction.
    func apply(on connection: PostgresConnection, logger: Logger) async throws {
        if !videos.isEmpty {
            try await connection.query(
                """
                UPDATE videos v SET consecutive_failures = 0, unavailable_strikes = 0, last_error = NULL, lease_until = NULL,
                    next_check_at = r.next_check_at,
                    title = COALESCE(r.title, v.title), author = COALESCE(r.author, v.author),
                    published_at = COALESCE(r.published_at, v.published_at), thumbnail_url = COALESCE(r.thumbnail_url, v.thumbnail_url),
                    views = CASE WHEN r.newest THEN r.views ELSE v.views END,
                    likes = CASE WHEN r.newest THEN r.likes ELSE v.likes END,
                    comments = CASE WHEN r.newest THEN r.comments ELSE v.comments END,
                    shares = CASE WHEN r.newest THEN r.shares ELSE v.shares END,
                    saves = CASE WHEN r.newest THEN r.saves ELSE v.saves END,
                    last_snapshot_at = CASE WHEN r.newest THEN r.taken_at ELSE v.last_snapshot_at END
                FROM json_to_recordset(\(try Self.json(videos))::json) AS r(
                    id bigint, next_check_at bigint, title text, author text, published_at bigint, thumbnail_url text, newest boolean,
                    views bigint, likes bigint, comments bigint, shares bigint, saves bigint, taken_at bigint)
                WHERE v.id = r.id
                """, logger: logger)
        }
        if !events.isEmpty {
            try await connection.query(
                """
                INSERT INTO webhook_events (account_id, type, tracking_id, video_id, taken_at, created_at, milestone)
                SELECT r.account_id, r.type, r.tracking_id, r.video_id, r.taken_at, r.created_at, r.milestone
                FROM json_to_recordset(\(try Self.json(events))::json) AS r(
                    n integer, account_id text, type text, tracking_id text, video_id bigint, taken_at bigint, created_at bigint, milestone bigint)
                ORDER BY r.n
                """, logger: logger)
        }
        if !milestones.isEmpty {
            try await connection.query(
                """
                UPDATE trackings t SET milestones = r.milestones
                FROM json_to_recordset(\(try Self.json(milestones))::json) AS r(id text, milestones text) WHERE t.id = r.id
                """, logger: logger)
        }
        if !completedVideos.isEmpty {
            try await connection.query(
                """
                UPDATE trackings SET status = 'completed', ended_at = window_end, updated_at = \(now.ms)
                WHERE video_id = ANY(\(completedVideos)) AND status IN ('monitoring', 'paused') AND review_status <> 'pending_review'
                    AND window_end <= \(now.ms)
                """, logger: logger)
        }
        if !charges.isEmpty {
            try await connection.query(
                """
                UPDATE trackings t SET charged_micros = t.charged_micros + r.amount
                FROM (SELECT id, SUM(amount) AS amount FROM json_to_recordset(\(try Self.json(charges))::json) AS c(id text, amount bigint) GROUP BY id) r
                WHERE t.id = r.id
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO ledger (account_id, at, amount_micros, balance_after_micros, kind, tracking_id, note)
                SELECT r.account_id, r.at, r.amount_micros, r.balance_after_micros, r.kind, r.tracking_id, NULL
                FROM json_to_recordset(\(try Self.json(ledger))::json) AS r(
                    n integer, account_id text, at bigint, amount_micros bigint, balance_after_micros bigint, kind text, tracking_id text)
                ORDER BY r.n
                """, logger: logger)
            let finalBalances = balances.map { BalanceRow(id: $0.key, balance: $0.value) }
            try await connection.query(
                """
                UPDATE accounts a SET balance_micros = r.balance
                FROM json_to_recordset(\(try Self.json(finalBalances))::json) AS r(id text, balance bigint) WHERE a.id = r.id
                """, logger: logger)
        }
    }

    /// Rows as the JSON array `json_to_recordset` reads: keys named as the columns (a row type
    /// whose property names differ spells them in its `CodingKeys`; `convertToSnakeCase` took
    /// half of the encoding time), absent keys for `nil`.
    static func json<Row: Encodable>(_ rows: [Row]) throws -> String {
        String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
    }

    private struct VideoRow: Encodable {
        let id: Int64
        let nextCheckAt: Int64?
        let title, author: String?
        let publishedAt: Int64?
        let thumbnailURL: String?
        let newest: Bool
        let views, likes, comments, shares, saves: Int64?
        let takenAt: Int64

        enum CodingKeys: String, CodingKey {
            case id
            case nextCheckAt = "next_check_at"
            case title
            case author
            case publishedAt = "published_at"
            case thumbnailURL = "thumbnail_url"
            case newest
            case views
            case likes
            case comments
            case shares
            case saves
            case takenAt = "taken_at"
        }
    }

    private struct EventRow: Encodable {
        let n: Int
        let accountID: String
        let type: String
        let trackingID: String
        let videoID: Int64
        let takenAt: Int64?
        let createdAt: Int64
        let milestone: Int64?

        enum CodingKeys: String, CodingKey {
            case n
            case accountID = "account_id"
            case type
            case trackingID = "tracking_id"
            case videoID = "video_id"
            case takenAt = "taken_at"
            case createdAt = "created_at"
            case milestone
        }
    }

    private struct MilestoneRow: Encodable {
        let id: String
        let milestones: String?
    }

    private struct ChargeRow: Encodable {
        let id: String
        let amount: Int64
    }

    private struct LedgerRow: Encodable {
        let n: Int
        let accountID: String
        let at: Int64
        let amountMicros: Int64
        let balanceAfterMicros: Int64
        let kind: String
        let trackingID: String

        enum CodingKeys: String, CodingKey {
            case n
            case accountID = "account_id"
            case at
            case amountMicros = "amount_micros"
            case balanceAfterMicros = "balance_after_micros"
            case kind
            case trackingID = "tracking_id"
        }
    }

    private struct BalanceRow: Encodable {
        let id: String
        let balance: Int64
    }
}
