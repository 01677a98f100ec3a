import Foundation
import TrendlineDomain
import TrendlineStore

/// What `trendline stats` prints, as tab-separated lines with a header for the shell: an
/// account's tracked videos with the newest counts each may see, or one video's snapshots.
/// A count the platform did not report is `-`.
public struct StatsReport: Sendable {
    let repository: any TrendlineRepository

    public init(repository: any TrendlineRepository) {
        self.repository = repository
    }

    public static let videoHeader = ["id", "platform", "status", "views", "likes", "comments", "shares", "saves", "engagement_rate", "views_gained_24h", "last_snapshot_at", "url"]
    public static let snapshotHeader = ["taken_at", "views", "likes", "comments", "shares", "saves", "provider"]

    /// Every video the account tracks that `filter` leaves, in its order (newest first unless it
    /// says otherwise), as `GET /v1/videos` lists them.
    public func videos(accountID: UUID, filter: TrackingFilter = TrackingFilter(), at now: Date) async throws -> [String] {
        var lines = [Self.videoHeader.joined(separator: "\t")]
        for entry in try await repository.visibleLatestAndDayBefore(repository.allTrackedVideos(accountID: accountID, filter: filter, at: now)) {
            let (item, latest, dayBefore) = (entry.item, entry.latest, entry.dayBefore)
            let gained = latest?.viewsGained(since: dayBefore)
            let fields = [UUIDText.lowercase(item.tracking.id), item.video.platform.rawValue, item.tracking.effectiveStatus(at: now).rawValue]
                + Self.counts(latest?.counts)
                + [Self.rate(latest?.counts.engagementRate), gained.map(String.init) ?? "-", latest.map { TimestampText.string($0.takenAt) } ?? "-", item.video.canonicalURL]
            lines.append(fields.joined(separator: "\t"))
        }
        return lines
    }

    /// The newest `limit` snapshots (oldest first) of the video `reference` names: a tracking id
    /// from `videos`, or a URL of a video the account tracks (canonicalized as a track would be;
    /// short links are not followed here).
    public func history(of reference: String, accountID: UUID, limit: Int, in bounds: DateBounds = DateBounds(), at now: Date) async throws -> [String] {
        guard let item = try await find(reference, accountID: accountID, at: now) else { throw StatsReportError.notTracked(reference) }
        let visible = item.tracking.visibleRange
        let (lower, upper) = (max(visible.lowerBound, bounds.from ?? visible.lowerBound), min(visible.upperBound, bounds.to ?? visible.upperBound))
        var snapshots: [Snapshot] = []
        if lower <= upper {
            try await repository.forEachSnapshotPage(videoID: item.video.id, in: lower...upper) { page in
                snapshots.append(contentsOf: page)
                if snapshots.count > limit { snapshots.removeFirst(snapshots.count - limit) }
            }
        }
        var lines = [Self.snapshotHeader.joined(separator: "\t")]
        for snapshot in snapshots {
            lines.append(([TimestampText.string(snapshot.takenAt)] + Self.counts(snapshot.counts) + [snapshot.provider]).joined(separator: "\t"))
        }
        return lines
    }

    public static let gridHeader = ["at", "views", "likes", "comments", "shares", "saves", "views_gained"]

    /// The video `reference` names at each whole UTC hour or day (`step` seconds) from when it
    /// was added (or `bounds.from`) to `now` (or `bounds.to`) (``VideoHistory``), as
    /// tab-separated lines: a report's views per day.
    public func history(of reference: String, accountID: UUID, step: TimeInterval, in bounds: DateBounds = DateBounds(), at now: Date) async throws -> [String] {
        guard let item = try await find(reference, accountID: accountID, at: now) else { throw StatsReportError.notTracked(reference) }
        guard let times = CountTimeline.times(
            from: bounds.from, startingAt: item.tracking.createdAt, to: bounds.to ?? now, step: step, limit: Self.maximumGridPoints
        ) else {
            throw StatsReportError.tooManyPoints(Self.maximumGridPoints)
        }
        var lines = [Self.gridHeader.joined(separator: "\t")]
        for point in try await VideoHistory.points(of: item, at: times, repository: repository) {
            lines.append(([TimestampText.string(point.at)] + Self.counts(point.counts) + [point.viewsGained.map(String.init) ?? "-"]).joined(separator: "\t"))
        }
        return lines
    }

    /// The most points a history has, the CLI's and the API's (``CountTimeline``).
    public static let maximumGridPoints = 1_000

    func find(_ reference: String, accountID: UUID, at now: Date) async throws -> TrackedVideo? {
        try await TrackingManagement(repository: repository, clock: WallClock { now }).find(reference, accountID: accountID)
    }

    /// A value on one line of a tab-separated row: tabs and line breaks become spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    /// An engagement rate to four decimals; `-` without one.
    static func rate(_ rate: Double?) -> String {
        rate.map { String(format: "%.4f", $0) } ?? "-"
    }

    /// Views, likes, comments, shares and saves as printed in a line; `-` for one not reported.
    public static func counts(_ counts: Counts?) -> [String] {
        [counts?.views, counts?.likes, counts?.comments, counts?.shares, counts?.saves].map { $0.map(String.init) ?? "-" }
    }
}

/// Why `trendline stats` or `trendline videos` cannot find or show a video.
public enum StatsReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case notTracked(String)
    case notAReference(String)
    case noCampaign(String)
    /// A grid of more than this many points.
    case tooManyPoints(Int)

    public var description: String {
        switch self {
        case .notTracked(let reference): "this account tracks no video '\(reference)'"
        case .notAReference(let reference): "'\(reference)' is neither a video id nor a video URL"
        case .noCampaign(let name): "no video of this account is in a campaign named '\(name)'"
        case .tooManyPoints(let limit): "more than \(limit) points: narrow --from/--to or use a longer interval"
        }
    }
}
