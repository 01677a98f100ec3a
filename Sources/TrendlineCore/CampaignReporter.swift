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
    public typealias Entry = VisibleVideo

    public var name: String
    public var totals = CountTotals()
    /// Per platform, in ``Platform`` order, only platforms with counted videos.
    public var platforms: [(platform: Platform, totals: CountTotals)] = []
    /// Per author (the platform account that posted, as the platform names it), most views
    /// first: which creator of an influencer campaign delivered what. Videos whose author is not
    /// known yet (no snapshot with metadata) are under a `nil` author.
    public var authors: [(platform: Platform, author: String?, totals: CountTotals)] = []
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
    /// Only the videos published in this range are in a report, a history or an export (a
    /// month's posts of a campaign that runs on); the campaign itself is found by all of them.
    public var published: DateBounds
    /// How many videos ``CampaignReport/top`` holds.
    public static let topCount = 10

    public init(repository: any TrendlineRepository, published: DateBounds = DateBounds()) {
        self.repository = repository
        self.published = published
    }

    /// The campaign's listed trackings, newest first.
    func members(of name: String, accountID: UUID, at now: Date) async throws -> [TrackedVideo] {
        try await repository.allTrackedVideos(accountID: accountID, filter: TrackingFilter(campaign: name), at: now)
    }

    /// Those of `members` published in ``published``.
    func inRange(_ members: [TrackedVideo]) -> [TrackedVideo] {
        members.filter { published.admits($0.video.publishedAt) }
    }

    /// Every listed video of the campaign (those in the inbox too) published in
    /// ``published``, newest first, with its newest visible counts: what an export lists.
    /// `nil` when no listed tracking carries the name.
    public func videos(campaign name: String, accountID: UUID, at now: Date) async throws -> [CampaignReport.Entry]? {
        let members = try await members(of: name, accountID: accountID, at: now)
        guard !members.isEmpty else { return nil }
        return try await repository.visibleLatestAndDayBefore(inRange(members))
    }

    /// The report of the account's campaign `name` over its videos published in
    /// ``published``, or `nil` when no listed tracking carries the name.
    public func report(campaign name: String, accountID: UUID, at now: Date) async throws -> CampaignReport? {
        let all = try await members(of: name, accountID: accountID, at: now)
        guard let first = all.map(\.tracking.createdAt).min(), let last = all.map(\.tracking.createdAt).max() else { return nil }
        let members = inRange(all)
        let entries = try await repository.visibleLatestAndDayBefore(members.filter(\.tracking.reviewStatus.counts))
        var report = CampaignReport(name: name, firstAddedAt: first, lastAddedAt: last)
        report.pendingReview = members.count - entries.count
        var perPlatform: [Platform: CountTotals] = [:]
        var perAuthor: [AuthorKey: CountTotals] = [:]
        for entry in entries {
            let counts = entry.latest?.counts, gained = entry.latest?.viewsGained(since: entry.dayBefore)
            report.totals.add(counts, viewsGained24h: gained)
            perPlatform[entry.item.video.platform, default: CountTotals()].add(counts, viewsGained24h: gained)
            perAuthor[AuthorKey(platform: entry.item.video.platform, author: entry.item.video.author), default: CountTotals()].add(counts, viewsGained24h: gained)
            report.statuses[entry.item.tracking.effectiveStatus(at: now), default: 0] += 1
            if let taken = entry.latest?.takenAt { report.lastSnapshotAt = max(report.lastSnapshotAt ?? taken, taken) }
        }
        report.platforms = Platform.allCases.compactMap { platform in perPlatform[platform].map { (platform, $0) } }
        report.authors = perAuthor.sorted(by: Self.moreViewed).map { ($0.key.platform, $0.key.author, $0.value) }
        report.top = Array(entries.sorted(by: Self.moreViewed).prefix(Self.topCount))
        return report
    }

    /// The campaign's summed counts at each of `times` (see ``CountTimeline``), over the videos
    /// its figures count (published in ``published``); `nil` when no listed tracking carries
    /// the name. Each video is read through the snapshots its account may see, some dozens of
    /// videos at a time, in the way ``HistoryRead/suited(to:)`` picks for the points.
    public func history(campaign name: String, accountID: UUID, times: (_ firstAdded: Date) -> [Date]?, at now: Date) async throws -> CampaignHistory? {
        try await history(campaign: name, accountID: accountID, times: times, at: now, read: nil)
    }

    /// How a history reads each video's snapshots; both give the same timeline.
    enum HistoryRead {
        /// Every snapshot up to the last point, in one run per video: for points an hour apart,
        /// where most snapshots are some point's.
        case runs
        /// Only each point's newest snapshot, an index read each (``TrendlineRepository/latestSnapshots(_:)``):
        /// for points a day apart, where a run would read 24 hourly snapshots per point and keep one.
        case points

        /// ``points`` when the points are on average at least ``pointsApart`` apart.
        static func suited(to times: [Date]) -> HistoryRead {
            guard let first = times.first, let last = times.last, times.count > 1 else { return .runs }
            return last.timeIntervalSince(first) / Double(times.count - 1) >= pointsApart ? .points : .runs
        }

        /// Three hourly snapshots per point already make index reads the cheaper way.
        static let pointsApart: TimeInterval = 3 * 3600
    }

    func history(campaign name: String, accountID: UUID, times: (_ firstAdded: Date) -> [Date]?, at now: Date, read: HistoryRead?) async throws -> CampaignHistory? {
        let all = try await members(of: name, accountID: accountID, at: now)
        guard let first = all.map(\.tracking.createdAt).min() else { return nil }
        guard let points = times(first) else { throw CampaignHistory.TooManyPoints() }
        let members = inRange(all)
        var timeline = CountTimeline(times: points)
        let last = timeline.times.last ?? now
        let counted: [(item: TrackedVideo, visible: ClosedRange<Date>)] = members.compactMap { item in
            let visible = item.tracking.visibleRange
            guard item.tracking.reviewStatus.counts, visible.lowerBound <= last else { return nil }
            return (item, visible.lowerBound...min(visible.upperBound, last))
        }
        let read = read ?? HistoryRead.suited(to: timeline.times)
        for start in stride(from: 0, to: counted.count, by: Self.historyVideosPerRead) {
            let chunk = Array(counted[start..<min(start + Self.historyVideosPerRead, counted.count)])
            let snapshots = switch read {
            case .runs: try await repository.snapshotRuns(chunk.map { SnapshotLookup(videoID: $0.item.video.id, range: $0.visible) })
            case .points: try await newestAtEachPoint(chunk, times: timeline.times)
            }
            for (entry, snapshots) in zip(chunk, snapshots) {
                timeline.add(snapshots, since: entry.item.tracking.createdAt)
            }
        }
        return CampaignHistory(name: name, timeline: timeline)
    }

    /// Per video, its newest visible snapshot at or before each of `times` from when its
    /// tracking began, each once, oldest first: all ``CountTimeline/add(_:since:)`` reads of
    /// the video's run.
    private func newestAtEachPoint(_ chunk: [(item: TrackedVideo, visible: ClosedRange<Date>)], times: [Date]) async throws -> [[Snapshot]] {
        var lookups: [SnapshotLookup] = []
        var owners: [Int] = []
        for (index, entry) in chunk.enumerated() {
            for time in times where time >= entry.item.tracking.createdAt && time >= entry.visible.lowerBound {
                lookups.append(SnapshotLookup(videoID: entry.item.video.id, range: entry.visible.lowerBound...min(entry.visible.upperBound, time)))
                owners.append(index)
            }
        }
        var runs = [[Snapshot]](repeating: [], count: chunk.count)
        for (owner, found) in zip(owners, try await repository.latestSnapshots(lookups)) {
            guard let found, runs[owner].last?.takenAt != found.takenAt else { continue }
            runs[owner].append(found)
        }
        return runs
    }

    /// How many videos' snapshots a history reads at once: a 30-day window of hourly snapshots
    /// is 720 per video, so a read holds some 36,000.
    static let historyVideosPerRead = 50

    struct AuthorKey: Hashable {
        let platform: Platform
        let author: String?
    }

    /// Most views first; then by platform and author, unknown authors last.
    static func moreViewed(_ a: (key: AuthorKey, value: CountTotals), _ b: (key: AuthorKey, value: CountTotals)) -> Bool {
        let left = a.value.counts.views ?? -1, right = b.value.counts.views ?? -1
        if left != right { return left > right }
        if a.key.platform != b.key.platform { return a.key.platform.rawValue < b.key.platform.rawValue }
        return (a.key.author ?? "\u{10FFFF}") < (b.key.author ?? "\u{10FFFF}")
    }

    /// Most views first; videos without views last; ties newest first, as lists are.
    static func moreViewed(_ a: CampaignReport.Entry, _ b: CampaignReport.Entry) -> Bool {
        let left = a.latest?.counts.views ?? -1, right = b.latest?.counts.views ?? -1
        if left != right { return left > right }
        return (a.item.tracking.createdAt, a.item.tracking.id.uuidString) > (b.item.tracking.createdAt, b.item.tracking.id.uuidString)
    }
}

/// A campaign's summed counts over time.
public struct CampaignHistory: Sendable {
    /// The range holds more points than one answer carries.
    public struct TooManyPoints: Error {}

    public var name: String
    public var timeline: CountTimeline

    /// At each point, the summed views less those at the point before (``CountTimeline/gains(_:)``).
    public var viewsGained: [Int64?] { CountTimeline.gains(timeline.totals.map(\.counts.views)) }
}
