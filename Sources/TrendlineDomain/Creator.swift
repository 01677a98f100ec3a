import Foundation

/// A creator an account follows: Trendline checks their recent videos on the discovery interval
/// and adds the new ones, and keeps a history of their follower counts.
public struct Creator: Sendable, Hashable {
    public var id: UUID
    public var accountID: UUID
    public var handle: CreatorHandle
    public var mode: DiscoveryMode
    /// How often discovery runs, in seconds (never below the plan's discovery floor).
    public var discoveryInterval: TimeInterval
    /// Markdown notes for people and agents.
    public var notes: String?
    /// The newest profile read (`nil` before the first check).
    public var profile: CreatorProfile?
    public var lastCheckedAt: Date?
    /// Which providers answered the last check (`nil` before the first, and for checks made
    /// before this was recorded).
    public var sources: CreatorSources?
    public var nextCheckAt: Date
    /// Why the last check failed, if it did.
    public var lastError: String?
    /// How many videos discovery has added.
    public var videosDiscovered: Int
    /// How long, and how often, the videos discovery adds are tracked.
    public var trackingDuration: TrackingDuration
    public var trackingCadence: Cadence
    /// The campaign (``CampaignName``) the videos discovery adds join.
    public var campaign: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, accountID: UUID, handle: CreatorHandle, mode: DiscoveryMode, discoveryInterval: TimeInterval, notes: String?,
        profile: CreatorProfile? = nil, lastCheckedAt: Date? = nil, nextCheckAt: Date, lastError: String? = nil, videosDiscovered: Int = 0,
        createdAt: Date, updatedAt: Date, trackingDuration: TrackingDuration = .default, trackingCadence: Cadence = .default,
        campaign: String? = nil, sources: CreatorSources? = nil
    ) {
        self.campaign = campaign
        self.sources = sources
        self.id = id
        self.accountID = accountID
        self.handle = handle
        self.mode = mode
        self.discoveryInterval = discoveryInterval
        self.notes = notes
        self.profile = profile
        self.lastCheckedAt = lastCheckedAt?.truncatedToMilliseconds
        self.nextCheckAt = nextCheckAt.truncatedToMilliseconds
        self.lastError = lastError
        self.videosDiscovered = videosDiscovered
        self.trackingDuration = trackingDuration
        self.trackingCadence = trackingCadence
        self.createdAt = createdAt.truncatedToMilliseconds
        self.updatedAt = updatedAt.truncatedToMilliseconds
    }
}

/// What discovery does with a creator's new videos.
public enum DiscoveryMode: String, CaseIterable, Sendable, Codable {
    /// Track them at once (`auto_tracked`).
    case auto
    /// Put them in the inbox (`pending_review`) until someone includes them.
    case selective
}

/// Whether a tracked video counts, as trackagoat names it: how it got there and whether a
/// person approved it. Only `pending_review` and `excluded` are left out of snapshots and
/// analytics; `excluded` ones also out of every list.
public enum ReviewStatus: String, CaseIterable, Sendable, Codable {
    /// Discovered while the creator was in `auto` mode.
    case autoTracked = "auto_tracked"
    /// Discovered in `selective` mode; waiting in the inbox, not snapshotted.
    case pendingReview = "pending_review"
    /// Approved from the inbox.
    case included
    /// Excluded from the inbox: never listed, never snapshotted, never re-added.
    case excluded
    /// Added by URL.
    case directAdd = "direct_add"

    /// Whether snapshots are taken and the video counts in lists and analytics.
    public var counts: Bool { self != .pendingReview && self != .excluded }
}

/// One reading of a creator's audience: the follower history.
public struct CreatorSnapshot: Sendable, Hashable {
    public var takenAt: Date
    public var followers: Int64?
    public var following: Int64?
    public var postsCount: Int64?

    public init(takenAt: Date, followers: Int64?, following: Int64?, postsCount: Int64?) {
        self.takenAt = takenAt.truncatedToMilliseconds
        self.followers = followers
        self.following = following
        self.postsCount = postsCount
    }
}

/// Which of a creator's recent videos (newest first) are new: those before the first one
/// already known. Discovery stops there, so a channel is never paged through twice.
public enum DiscoveryCut {
    public static func newVideos(_ recent: [ChannelVideo], known: Set<String>) -> [ChannelVideo] {
        var fresh: [ChannelVideo] = []
        for video in recent {
            if known.contains(video.id) { break }
            fresh.append(video)
        }
        return fresh
    }
}
