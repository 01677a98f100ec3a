/// The sum of the newest counts of several videos (a campaign, one of its platforms).
///
/// A counter is summed over the videos that reported it and stays `nil` when none did, so a
/// campaign of X posts shows no saves rather than zero saves. Sums saturate at `Int64.max`.
public struct CountTotals: Sendable, Hashable {
    /// Videos added, with or without a snapshot.
    public private(set) var videos = 0
    /// Videos whose newest counts were added.
    public private(set) var withSnapshot = 0
    public private(set) var counts = Counts()
    /// The views the videos gained in the day up to each one's newest snapshot, summed over those
    /// with a day of history (``Snapshot/viewsGained(since:)``); `nil` when none had one (and in
    /// a campaign's history, whose points are sums at one time).
    public private(set) var viewsGained24h: Int64?

    public init() {}

    /// Adds one video, its newest counts (`nil` before its first snapshot) and the views it
    /// gained in the day up to them (`nil` without a day of history).
    public mutating func add(_ latest: Counts?, viewsGained24h gained: Int64? = nil) {
        viewsGained24h = Self.sum(viewsGained24h, gained)
        videos += 1
        guard let latest else { return }
        withSnapshot += 1
        counts.views = Self.sum(counts.views, latest.views)
        counts.likes = Self.sum(counts.likes, latest.likes)
        counts.comments = Self.sum(counts.comments, latest.comments)
        counts.shares = Self.sum(counts.shares, latest.shares)
        counts.saves = Self.sum(counts.saves, latest.saves)
    }

    /// Interactions (likes, comments, shares, saves) per view over all the videos; `nil`
    /// without views.
    public var engagementRate: Double? { counts.engagementRate }

    static func sum(_ total: Int64?, _ value: Int64?) -> Int64? {
        guard let value else { return total }
        let (sum, overflow) = (total ?? 0).addingReportingOverflow(value)
        return overflow ? (value < 0 ? .min : .max) : sum
    }
}
