import Foundation

/// One video on one platform, shared by every account that tracks it.
///
/// There is exactly one `Video` per (platform, external id), so a video tracked by several
/// accounts is fetched once per check. Snapshots belong to the video; each account sees the
/// ones that fall inside its own ``Tracking`` window.
public struct Video: Sendable, Hashable {
    /// Internal numeric id (compact key for snapshots). Never shown by the API.
    public var id: Int64
    public var platform: Platform
    public var externalID: String
    public var canonicalURL: String
    public var title: String?
    public var author: String?
    public var publishedAt: Date?
    public var thumbnailURL: String?
    /// The counters of the newest snapshot, if any.
    public var latest: Counts?
    public var lastSnapshotAt: Date?
    /// When the scheduler should next take a snapshot; `nil` when no active tracking needs one.
    public var nextCheckAt: Date?
    /// While set and in the future, a worker holds this video; an expired lease is crash recovery.
    public var leaseUntil: Date?
    /// Failed checks in a row (drives the retry backoff); 0 after a snapshot.
    public var consecutiveFailures: Int
    /// The last failure, for operators.
    public var lastError: String?
    public var createdAt: Date

    public init(
        id: Int64, platform: Platform, externalID: String, canonicalURL: String,
        title: String? = nil, author: String? = nil, publishedAt: Date? = nil, thumbnailURL: String? = nil,
        latest: Counts? = nil, lastSnapshotAt: Date? = nil, nextCheckAt: Date? = nil, leaseUntil: Date? = nil,
        consecutiveFailures: Int = 0, lastError: String? = nil, createdAt: Date
    ) {
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
        self.id = id
        self.platform = platform
        self.externalID = externalID
        self.canonicalURL = canonicalURL
        self.title = title
        self.author = author
        self.publishedAt = publishedAt
        self.thumbnailURL = thumbnailURL
        self.latest = latest
        self.lastSnapshotAt = lastSnapshotAt
        self.nextCheckAt = nextCheckAt
        self.leaseUntil = leaseUntil
        self.createdAt = createdAt
    }
}
