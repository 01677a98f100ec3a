import Foundation
import TrendlineDomain
import TrendlineStore

/// A tracked video as the API shows it to the account that tracks it.
struct VideoDTO: Encodable, Equatable, Sendable {
    let id: String
    let url: String
    let canonical_url: String
    let platform: String
    let external_video_id: String
    let status: String
    @Nullable var status_reason: String?
    let cadence: String
    let duration_days: Int
    let window_start: Date
    let window_end: Date
    let days_remaining: Int
    @Nullable var notes: String?
    /// The campaign it belongs to.
    @Nullable var campaign: String?
    @Nullable var title: String?
    @Nullable var author: String?
    @Nullable var published_at: Date?
    @Nullable var thumbnail_url: String?
    @Nullable var views: Int64?
    @Nullable var likes: Int64?
    @Nullable var comments: Int64?
    @Nullable var shares: Int64?
    @Nullable var saves: Int64?
    /// (likes + comments + shares + saves) / views of the newest counts.
    @Nullable var engagement_rate: Double?
    /// Views gained in the day up to the newest snapshot (from the newest one a day or more older).
    @Nullable var views_gained_24h: Int64?
    @Nullable var last_snapshot_at: Date?
    @Nullable var next_check_at: Date?
    @Nullable var ended_at: Date?
    /// The most the tracking may cost in all, in dollars (0 without credits).
    let estimated_cost: Double
    /// What it has been charged so far, in dollars.
    let charged: Double
    /// How the video got here and whether it counts: auto_tracked, pending_review, included, direct_add.
    let tracking_status: String
    /// The followed creator whose discovery added it.
    @Nullable var creator_id: String?
    let milestones: [MilestoneDTO]
    let created_at: Date
    let updated_at: Date

    /// - Parameters:
    ///   - latest: the newest snapshot this account may see, if any.
    ///   - dayBefore: the newest it may see a day or more older than `latest`
    ///     (``TrendlineRepository/visibleDayBefore(_:latest:)``).
    init(_ value: TrackedVideo, latest: Snapshot?, dayBefore: Snapshot?, now: Date) {
        let tracking = value.tracking
        let video = value.video
        let status = tracking.effectiveStatus(at: now)
        id = UUIDText.lowercase(tracking.id)
        url = tracking.submittedURL
        canonical_url = video.canonicalURL
        platform = video.platform.rawValue
        external_video_id = video.externalID
        self.status = status.rawValue
        status_reason = tracking.statusReason
        cadence = tracking.cadence.rawValue
        duration_days = tracking.window.duration.days
        window_start = tracking.window.start
        window_end = tracking.window.end
        days_remaining = status.isFinal ? 0 : tracking.window.daysRemaining(at: now)
        notes = tracking.notes
        campaign = tracking.campaign
        estimated_cost = tracking.terms.estimatedCost.dollars
        charged = tracking.charged.dollars
        tracking_status = tracking.reviewStatus.rawValue
        creator_id = tracking.creatorID.map(UUIDText.lowercase)
        milestones = tracking.milestones.map { MilestoneDTO(views: $0.views, reached_at: $0.reachedAt) }
        title = video.title
        author = video.author
        published_at = video.publishedAt
        thumbnail_url = video.thumbnailURL
        views = latest?.counts.views
        likes = latest?.counts.likes
        comments = latest?.counts.comments
        shares = latest?.counts.shares
        saves = latest?.counts.saves
        engagement_rate = latest?.counts.engagementRate
        views_gained_24h = latest?.viewsGained(since: dayBefore)
        last_snapshot_at = latest?.takenAt
        next_check_at = status == .monitoring ? video.nextCheckAt : nil
        ended_at = status == .completed && tracking.endedAt == nil ? tracking.window.end : tracking.endedAt
        created_at = tracking.createdAt
        updated_at = tracking.updatedAt
    }
}

/// A view count to announce, and when it was first reached.
struct MilestoneDTO: Encodable, Equatable, Sendable {
    let views: Int64
    @Nullable var reached_at: Date?
}

/// A video with its history, for `GET /v1/videos/{id}`.
struct VideoDetailDTO: Encodable, Sendable {
    let video: VideoDTO
    let snapshots: [SnapshotDTO]
    let has_more_snapshots: Bool

    func encode(to encoder: any Encoder) throws {
        try video.encode(to: encoder)
        enum Keys: String, CodingKey { case snapshots, has_more_snapshots }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(snapshots, forKey: .snapshots)
        try container.encode(has_more_snapshots, forKey: .has_more_snapshots)
    }
}

/// One snapshot; counters the platform did not report are `null`.
struct SnapshotDTO: Encodable, Sendable {
    let taken_at: Date
    @Nullable var views: Int64?
    @Nullable var likes: Int64?
    @Nullable var comments: Int64?
    @Nullable var shares: Int64?
    @Nullable var saves: Int64?
    let provider: String

    init(_ snapshot: Snapshot) {
        taken_at = snapshot.takenAt
        views = snapshot.counts.views
        likes = snapshot.counts.likes
        comments = snapshot.counts.comments
        shares = snapshot.counts.shares
        saves = snapshot.counts.saves
        provider = snapshot.provider
    }
}
