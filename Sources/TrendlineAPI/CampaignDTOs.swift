import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// One campaign in `GET /v1/campaigns`.
struct CampaignSummaryDTO: Encodable {
    let name: String
    /// Its videos, those waiting in the inbox included.
    let videos: Int
    let last_added_at: Date

    init(_ summary: CampaignSummary) {
        name = summary.name
        videos = summary.videos
        last_added_at = summary.lastAddedAt
    }
}

/// Summed newest counts; a counter no video reported is `null`.
struct CountTotalsDTO: Encodable {
    let videos: Int
    let videos_with_snapshots: Int
    @Nullable var views: Int64?
    @Nullable var likes: Int64?
    @Nullable var comments: Int64?
    @Nullable var shares: Int64?
    @Nullable var saves: Int64?
    /// (likes + comments + shares + saves) / views.
    @Nullable var engagement_rate: Double?
    /// The videos' views gained in the last day, summed over those with a day of history.
    @Nullable var views_gained_24h: Int64?

    init(_ totals: CountTotals) {
        videos = totals.videos
        videos_with_snapshots = totals.withSnapshot
        views = totals.counts.views
        likes = totals.counts.likes
        comments = totals.counts.comments
        shares = totals.counts.shares
        saves = totals.counts.saves
        engagement_rate = totals.engagementRate
        views_gained_24h = totals.viewsGained24h
    }
}

/// One point of `GET /v1/campaigns/{name}/history`: the time and the totals then, side by side,
/// with the change in summed views since the point before (as a video's history point has).
struct CampaignPointDTO: Encodable {
    let at: Date
    let totals: CountTotalsDTO
    /// Summed views now less those at the point before; `nil` for the first point or when
    /// either has none.
    let viewsGained: Int64?

    init(at: Date, totals: CountTotals, viewsGained: Int64?) {
        self.at = at
        self.totals = CountTotalsDTO(totals)
        self.viewsGained = viewsGained
    }

    func encode(to encoder: any Encoder) throws {
        try totals.encode(to: encoder)
        enum Keys: String, CodingKey { case at, views_gained }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(at, forKey: .at)
        try container.encode(viewsGained, forKey: .views_gained)
    }
}

/// `GET /v1/campaigns/{name}`.
struct CampaignReportDTO: Encodable {
    struct PlatformDTO: Encodable {
        let platform: String
        let totals: CountTotalsDTO
    }

    struct AuthorDTO: Encodable {
        let platform: String
        @Nullable var author: String?
        let totals: CountTotalsDTO
    }

    let name: String
    /// All its videos, those waiting in the inbox included.
    let videos: Int
    /// Videos waiting in the inbox: in the campaign, not in its figures.
    let pending_review: Int
    let totals: CountTotalsDTO
    let platforms: [PlatformDTO]
    /// Per author (who posted), most views first.
    let authors: [AuthorDTO]
    /// Counted videos per status (every status, zeros included).
    let statuses: [String: Int]
    let top_videos: [VideoDTO]
    let first_added_at: Date
    let last_added_at: Date
    @Nullable var last_snapshot_at: Date?

    init(_ report: CampaignReport, now: Date) {
        name = report.name
        videos = report.totals.videos + report.pendingReview
        pending_review = report.pendingReview
        totals = CountTotalsDTO(report.totals)
        platforms = report.platforms.map { PlatformDTO(platform: $0.platform.rawValue, totals: CountTotalsDTO($0.totals)) }
        authors = report.authors.map { AuthorDTO(platform: $0.platform.rawValue, author: $0.author, totals: CountTotalsDTO($0.totals)) }
        statuses = Dictionary(uniqueKeysWithValues: TrackingStatus.allCases.map { ($0.rawValue, report.statuses[$0] ?? 0) })
        top_videos = report.top.map { VideoDTO($0.item, latest: $0.latest, dayBefore: $0.dayBefore, now: now) }
        first_added_at = report.firstAddedAt
        last_added_at = report.lastAddedAt
        last_snapshot_at = report.lastSnapshotAt
    }
}

/// What `PATCH` and `DELETE /v1/campaigns/{name}` changed.
struct CampaignChangeDTO: Encodable {
    /// The new name; `null` after a delete.
    @Nullable var name: String?
    let previous_name: String
    /// Videos under the new name now (after a merge, both campaigns' videos).
    let videos: Int
    let videos_changed: Int
    let creators_changed: Int
}

/// One id's result in `POST /v1/campaigns/{name}/videos`.
struct CampaignMoveDTO: Encodable {
    let id: String
    /// `added` or `error`.
    let status: String
    /// The campaign the video was in before, if any.
    @Nullable var previous_campaign: String?
    @Nullable var error: InboxRoutes.ResultDTO.ErrorBody?
}
