import Foundation
import TrendlineDomain

/// What storing a snapshot needs of its video's row as it was before, read by either backend
/// for a whole batch: the fence (the lease), whether the snapshot becomes the latest, and what
/// the next check is planned from.
public struct VideoBeforeSnapshot: Sendable {
    public let lastSnapshotAt: Date?
    public let views: Int64?
    /// When the video was published, or else when Trendline first saw it.
    public let bornAt: Date
    /// The lease the video holds, in milliseconds (`nil`: none).
    public let leaseUntil: Int64?

    public init(lastSnapshotAt: Date?, views: Int64?, bornAt: Date, leaseUntil: Int64?) {
        self.lastSnapshotAt = lastSnapshotAt
        self.views = views
        self.bornAt = bornAt
        self.leaseUntil = leaseUntil
    }

    /// A record under `lease` may be stored: it has none, or the video still holds it (it was
    /// not claimed again by another worker after it expired).
    public func admits(lease: Date?) -> Bool {
        lease.map { $0.ms == leaseUntil } ?? true
    }

    /// `snapshot`, when it was `inserted`, becomes the video's latest: it is not older than it.
    public func becomesLatest(_ snapshot: Snapshot, inserted: Bool) -> Bool {
        inserted && (lastSnapshotAt.map { $0 <= snapshot.takenAt } ?? true)
    }

    /// The video's next check after `record`, from its trackings' needs. The growth comes from
    /// this row and the new snapshot when it is the latest (`newest`), and otherwise from
    /// `recentGrowth`, the growth between the two latest stored snapshots, which the backend reads.
    public func nextCheck(
        after record: SnapshotRecord, newest: Bool, needs: [NextCheckPlanner.Need], now: Date, recentGrowth: () throws -> Double?
    ) rethrows -> Date? {
        let snapshot = record.snapshot
        let growth = newest
            ? lastSnapshotAt.flatMap { NextCheckPlanner.growthPerHour(from: ($0, views), to: (snapshot.takenAt, snapshot.counts.views)) }
            : try recentGrowth()
        return NextCheckPlanner.nextCheck(
            lastSnapshotAt: newest ? snapshot.takenAt : lastSnapshotAt,
            videoBornAt: record.metadata.publishedAt?.truncatedToMilliseconds ?? bornAt,
            needs: needs, now: now, growthPerHour: growth)
    }
}
