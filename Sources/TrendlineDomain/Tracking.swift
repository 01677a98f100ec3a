import Foundation

/// One account's tracking of one ``Video``: the window it wants, the cadence and its status.
///
/// Its `id` is the `video_id` the API shows. There is at most one tracking per (account, video).
public struct Tracking: Sendable, Hashable {
    public var id: UUID
    public var accountID: UUID
    /// The internal id of the shared ``Video``.
    public var videoID: Int64
    public var platform: Platform
    /// The URL exactly as the user submitted it.
    public var submittedURL: String
    public var status: TrackingStatus
    public var window: TrackingWindow
    public var cadence: Cadence
    /// Markdown notes for people and agents.
    public var notes: String?
    /// Why the tracking is `unavailable`, when it is.
    public var statusReason: String?
    /// When the tracking was stopped early or the window closed; snapshots after it are not shown.
    public var endedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    /// The plan's floor and prices as they were when the tracking started.
    public var terms: TrackingTerms
    /// What the tracking has been charged so far.
    public var charged: Money
    /// How the video got here and whether it counts (trackagoat's `tracking_status`).
    public var reviewStatus: ReviewStatus
    /// The followed creator whose discovery added it, if one did.
    public var creatorID: UUID?
    /// View counts to announce with `milestone.reached`.
    public var milestones: [Milestone]
    /// The campaign it belongs to (``CampaignName``), if any.
    public var campaign: String?

    public init(
        id: UUID, accountID: UUID, videoID: Int64, platform: Platform, submittedURL: String,
        status: TrackingStatus, window: TrackingWindow, cadence: Cadence, notes: String?,
        statusReason: String? = nil, endedAt: Date? = nil, createdAt: Date, updatedAt: Date,
        terms: TrackingTerms = .free, charged: Money = .zero, reviewStatus: ReviewStatus = .directAdd, creatorID: UUID? = nil,
        milestones: [Milestone] = [], campaign: String? = nil
    ) {
        self.campaign = campaign
        self.reviewStatus = reviewStatus
        self.creatorID = creatorID
        self.milestones = milestones
        self.terms = terms
        self.charged = charged
        self.id = id
        self.accountID = accountID
        self.videoID = videoID
        self.platform = platform
        self.submittedURL = submittedURL
        self.status = status
        self.window = window
        self.cadence = cadence
        self.notes = notes
        self.statusReason = statusReason
        self.endedAt = endedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The status as of `now`: a monitoring or paused tracking whose window has passed is
    /// `completed` even before the scheduler has written it.
    public func effectiveStatus(at now: Date) -> TrackingStatus {
        if !status.isFinal && now >= window.end { return .completed }
        return status
    }

    /// How late the closing check (due at the window's end) may run and still count.
    public static let closingCheckGrace: TimeInterval = 3600

    /// The period whose snapshots this account sees: from the window start to the window end
    /// (plus ``closingCheckGrace`` for the closing check), or to the moment it was stopped.
    public var visibleRange: ClosedRange<Date> {
        let end: Date
        if status == .stopped || status == .unavailable, let endedAt {
            end = min(endedAt, window.end)
        } else {
            end = window.end.addingTimeInterval(Self.closingCheckGrace)
        }
        return window.start...max(window.start, end)
    }
}

/// The period a tracking collects snapshots in.
public struct TrackingWindow: Sendable, Hashable {
    public var start: Date
    public var end: Date
    public var duration: TrackingDuration

    public init(start: Date, duration: TrackingDuration) {
        self.start = start.truncatedToMilliseconds
        self.end = start.addingTimeInterval(TimeInterval(duration.days) * 86_400).truncatedToMilliseconds
        self.duration = duration
    }

    public init(start: Date, end: Date, duration: TrackingDuration) {
        self.start = start.truncatedToMilliseconds
        self.end = end.truncatedToMilliseconds
        self.duration = duration
    }

    /// Whole days left in the window, rounded up; 0 once it has ended.
    public func daysRemaining(at now: Date) -> Int {
        let left = end.timeIntervalSince(now)
        guard left > 0 else { return 0 }
        return Int((left / 86_400).rounded(.up))
    }
}
