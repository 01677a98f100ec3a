import Foundation
import TrendlineDomain

/// What storing a snapshot needs to know of one tracking of the video, read for all of a batch's
/// videos in one statement by either backend. The store decides from these rows which trackings
/// see the snapshot (events, milestones), which complete, which are charged and what the next
/// check is; before, five statements asked the trackings table each of those questions
/// (docs/benchmarks.md).
public struct SnapshotTrackingRow: Sendable {
    public let id: String
    public let accountID: String
    public var status: TrackingStatus
    public let reviewStatus: ReviewStatus
    public let windowStart: Int64
    public let windowEnd: Int64
    /// The end of what the tracking can see (``StoreSQL/visibleEnd``), in milliseconds.
    public let visibleEnd: Int64
    public let cadence: Cadence
    public let minimumInterval: Int64
    public var milestones: String?
    public let terms: TrackingTerms
    public var charged: Money
    /// The account has an enabled webhook endpoint, so events are written for it.
    public let hooked: Bool

    public init(
        id: String, accountID: String, status: TrackingStatus, reviewStatus: ReviewStatus, windowStart: Int64, windowEnd: Int64,
        visibleEnd: Int64, cadence: Cadence, minimumInterval: Int64, milestones: String?, terms: TrackingTerms, charged: Money, hooked: Bool
    ) {
        self.id = id
        self.accountID = accountID
        self.status = status
        self.reviewStatus = reviewStatus
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.visibleEnd = visibleEnd
        self.cadence = cadence
        self.minimumInterval = minimumInterval
        self.milestones = milestones
        self.terms = terms
        self.charged = charged
        self.hooked = hooked
    }

    /// The columns both backends read, in this order, over the trackings table named `t`; the
    /// video's id comes last.
    public static let columns = """
        t.id, t.account_id, t.status, t.review_status, t.window_start, t.window_end,
        \(StoreSQL.visibleEnd) AS visible_end, t.cadence, t.min_interval_s, t.milestones,
        t.price_micros, t.estimated_micros, t.charged_micros, \(StoreSQL.hasEnabledWebhook) AS hooked, t.video_id
        """

    /// Monitoring or completed, with a snapshot taken at `takenAt` (ms) inside what it can see.
    public func sees(_ takenAt: Int64) -> Bool {
        (status == .monitoring || status == .completed) && windowStart <= takenAt && visibleEnd >= takenAt
    }

    /// Its window has ended at `now` (ms) while it was running (a review still pending waits).
    public func completes(at now: Int64) -> Bool {
        (status == .monitoring || status == .paused) && reviewStatus != .pendingReview && windowEnd <= now
    }

    /// Pays for a snapshot taken at `takenAt` (ms): priced, not yet charged its estimate, and
    /// the snapshot inside its window.
    public func isCharged(for takenAt: Int64) -> Bool {
        terms.pricePerSnapshot > .zero && charged < terms.estimatedCost
            && (status == .monitoring || status == .completed) && windowStart <= takenAt && windowEnd >= takenAt
    }

    /// A new snapshot of the rows' video: `snapshot.created` for every tracking that sees it,
    /// then the milestones its views reach on those trackings, each handed to `milestones` with
    /// its new list (kept in the rows too), and `milestone.reached` for each threshold. Events go
    /// to `event` only for accounts with an enabled endpoint, in the order they are written.
    public static func announce(
        _ snapshot: Snapshot, to rows: inout [SnapshotTrackingRow],
        event: (_ type: WebhookEventType, _ tracking: SnapshotTrackingRow, _ milestone: Int64?) throws -> Void,
        milestones: (_ tracking: SnapshotTrackingRow) throws -> Void
    ) rethrows {
        let seeing = rows.indices.filter { rows[$0].sees(snapshot.takenAt.ms) }
        for index in seeing where rows[index].hooked {
            try event(.snapshotCreated, rows[index], nil)
        }
        guard let views = snapshot.counts.views else { return }
        for index in seeing where rows[index].milestones != nil {
            guard let (stored, reached) = MilestoneList.reach(stored: rows[index].milestones, views: views, at: snapshot.takenAt) else { continue }
            rows[index].milestones = stored
            try milestones(rows[index])
            guard rows[index].hooked else { continue }
            for threshold in reached {
                try event(.milestoneReached, rows[index], threshold)
            }
        }
    }

    /// Completes, in the rows, the trackings whose window has ended at `now` (ms), handing each
    /// of an account with an enabled endpoint to `event` (`tracking.completed`) first. Returns
    /// whether any completed, for the backend's update of the table.
    public static func complete(_ rows: inout [SnapshotTrackingRow], at now: Int64, event: (_ tracking: SnapshotTrackingRow) throws -> Void) rethrows -> Bool {
        let ending = rows.indices.filter { rows[$0].completes(at: now) }
        for index in ending where rows[index].hooked {
            try event(rows[index])
        }
        for index in ending { rows[index].status = .completed }
        return !ending.isEmpty
    }

    public var need: NextCheckPlanner.Need {
        NextCheckPlanner.Need(
            cadence: cadence, status: status, windowEnd: Date(millisecondsSince1970: windowEnd), minimumInterval: TimeInterval(minimumInterval))
    }
}
