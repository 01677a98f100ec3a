import Foundation
import TrendlineDomain
import TrendlineStore

/// A campaign's aggregate analytics: its videos' newest counts summed, in all and per platform,
/// how many are in each state, and its best videos by views.
///
/// Videos waiting in the inbox (`pending_review`) are in the campaign but not in its figures, as
/// trackagoat counts only included videos in campaign analytics; ``CampaignReport/pendingReview``
/// says how many are waiting.
public struct CampaignReport: Sendable {
    /// A video of the campaign and the newest counts its account may see.
    public struct Entry: Sendable, Hashable {
        public var item: TrackedVideo
        public var latest: Snapshot?
    }

    public var name: String
    public var totals = CountTotals()
    /// Per platform, in ``Platform`` order, only platforms with counted videos.
    public var platforms: [(platform: Platform, totals: CountTotals)] = []
    /// Counted videos per effective status.
    public var statuses: [TrackingStatus: Int] = [:]
    public var pendingReview = 0
    /// The counted videos with the most views, most first.
    public var top: [Entry] = []
    public var firstAddedAt: Date
    public var lastAddedAt: Date
    /// The newest snapshot of any counted video.
    public var lastSnapshotAt: Date?
}

/// Builds ``CampaignReport``s from the repository.
public struct CampaignReporter: Sendable {
    let repository: any TrendlineRepository
    /// How many videos ``CampaignReport/top`` holds.
    public static let topCount = 10

    public init(repository: any TrendlineRepository) {
        self.repository = repository
    }

    /// The report of the account's campaign `name`, or `nil` when no listed tracking carries it.
    public func report(campaign name: String, accountID: UUID, at now: Date) async throws -> CampaignReport? {
        var filter = TrackingFilter()
        filter.campaign = name
        var entries: [CampaignReport.Entry] = []
        var page = PageRequest(limit: 500)
        var first: Date?, last: Date?
        var pending = 0
        while true {
            let result = try await repository.listTrackedVideos(accountID: accountID, filter: filter, page: page, at: now)
            for item in result.items {
                first = min(first ?? item.tracking.createdAt, item.tracking.createdAt)
                last = max(last ?? item.tracking.createdAt, item.tracking.createdAt)
                guard item.tracking.reviewStatus.counts else {
                    pending += 1
                    continue
                }
                entries.append(CampaignReport.Entry(item: item, latest: try await repository.visibleLatest(item)))
            }
            guard let next = result.next else { break }
            page = PageRequest(limit: 500, after: next)
        }
        guard let first, let last else { return nil }
        var report = CampaignReport(name: name, firstAddedAt: first, lastAddedAt: last)
        report.pendingReview = pending
        var perPlatform: [Platform: CountTotals] = [:]
        for entry in entries {
            report.totals.add(entry.latest?.counts)
            perPlatform[entry.item.video.platform, default: CountTotals()].add(entry.latest?.counts)
            report.statuses[entry.item.tracking.effectiveStatus(at: now), default: 0] += 1
            if let taken = entry.latest?.takenAt { report.lastSnapshotAt = max(report.lastSnapshotAt ?? taken, taken) }
        }
        report.platforms = Platform.allCases.compactMap { platform in perPlatform[platform].map { (platform, $0) } }
        report.top = Array(entries.sorted(by: Self.moreViewed).prefix(Self.topCount))
        return report
    }

    /// Most views first; videos without views last; ties newest first, as lists are.
    static func moreViewed(_ a: CampaignReport.Entry, _ b: CampaignReport.Entry) -> Bool {
        let left = a.latest?.counts.views ?? -1, right = b.latest?.counts.views ?? -1
        if left != right { return left > right }
        return (a.item.tracking.createdAt, a.item.tracking.id.uuidString) > (b.item.tracking.createdAt, b.item.tracking.id.uuidString)
    }
}
