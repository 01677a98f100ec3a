import Foundation
import TrendlineDomain

/// A request to track one video for one account.
public struct NewTracking: Sendable {
    public var accountID: UUID
    public var video: VideoURL
    public var submittedURL: String
    public var duration: TrackingDuration
    public var cadence: Cadence
    public var notes: String?

    public init(accountID: UUID, video: VideoURL, submittedURL: String, duration: TrackingDuration, cadence: Cadence, notes: String?) {
        self.accountID = accountID
        self.video = video
        self.submittedURL = submittedURL
        self.duration = duration
        self.cadence = cadence
        self.notes = notes
    }
}

/// The result of tracking one video.
public enum TrackOutcome: Sendable {
    /// A new tracking was created.
    case created(TrackedVideo)
    /// The account already tracked the video; this is the existing tracking.
    case existing(TrackedVideo)

    public var trackedVideo: TrackedVideo {
        switch self {
        case .created(let value), .existing(let value): return value
        }
    }
}

/// A tracking together with the shared video it follows: what the API shows as one "video".
public struct TrackedVideo: Sendable, Hashable {
    public var tracking: Tracking
    public var video: Video

    public init(tracking: Tracking, video: Video) {
        self.tracking = tracking
        self.video = video
    }
}

/// Filters for listing an account's trackings.
public struct TrackingFilter: Sendable, Hashable {
    public var platform: Platform?
    /// Compared with the effective status (a passed window counts as completed).
    public var status: TrackingStatus?

    public init(platform: Platform? = nil, status: TrackingStatus? = nil) {
        self.platform = platform
        self.status = status
    }
}

/// Where a page starts and how long it is. The cursor is opaque to callers.
public struct PageRequest: Sendable, Hashable {
    public var limit: Int
    public var after: PageCursor?

    public init(limit: Int, after: PageCursor? = nil) {
        self.limit = limit
        self.after = after
    }
}

/// A position in a list ordered newest first: the last item's creation time and id.
public struct PageCursor: Sendable, Hashable {
    public var createdAt: Date
    public var id: UUID

    public init(createdAt: Date, id: UUID) {
        self.createdAt = createdAt.truncatedToMilliseconds
        self.id = id
    }
}

/// One page of results and the cursor of the next, if there is one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: PageCursor?

    public init(items: [Item], next: PageCursor?) {
        self.items = items
        self.next = next
    }
}

/// A change to one tracking. `notes` set to `.some(nil)` clears them.
public struct TrackingChange: Sendable {
    public var status: TrackingStatus?
    public var notes: String??

    public init(status: TrackingStatus? = nil, notes: String?? = nil) {
        self.status = status
        self.notes = notes
    }
}

/// What a provider told about a video besides its counters; `nil` fields leave what is stored.
public struct VideoMetadata: Sendable, Hashable {
    public var title: String?
    public var author: String?
    public var publishedAt: Date?
    public var thumbnailURL: String?

    public init(title: String? = nil, author: String? = nil, publishedAt: Date? = nil, thumbnailURL: String? = nil) {
        self.title = title
        self.author = author
        self.publishedAt = publishedAt
        self.thumbnailURL = thumbnailURL
    }
}

/// The outcome of taking tokens from a rate-limit bucket.
public struct RateTake: Sendable {
    public var allowed: Bool
    public var bucket: TokenBucket

    public init(allowed: Bool, bucket: TokenBucket) {
        self.allowed = allowed
        self.bucket = bucket
    }
}
