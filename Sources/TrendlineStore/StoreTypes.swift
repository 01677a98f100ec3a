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
    /// The plan's floor and prices, fixed on the new tracking.
    public var terms: TrackingTerms
    /// The most trackings the account may have monitoring or paused at once (`nil`: no limit).
    public var maxActiveTrackings: Int?
    /// `direct_add` for a URL; `auto_tracked` or `pending_review` when discovery adds it. A
    /// `pending_review` tracking is stored paused until it is included.
    public var reviewStatus: ReviewStatus = .directAdd
    /// The creator whose discovery found the video.
    public var creatorID: UUID?
    /// View counts to announce (validated).
    public var milestones: [Int64] = []
    /// The campaign the new tracking joins (validated ``CampaignName``).
    public var campaign: String?
    /// What the caller already knows of the video (a creator listing's caption and upload
    /// time): written when the video row is new, so a video waiting in the inbox has a title
    /// before its first snapshot. A snapshot's metadata replaces it.
    public var metadata: VideoMetadata?

    public init(
        accountID: UUID, video: VideoURL, submittedURL: String, duration: TrackingDuration, cadence: Cadence, notes: String?,
        terms: TrackingTerms = .free, maxActiveTrackings: Int? = nil
    ) {
        self.terms = terms
        self.maxActiveTrackings = maxActiveTrackings
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
    /// The account's plan or balance does not allow another tracking; nothing was stored.
    case refused(TrackRefusal)

    public var trackedVideo: TrackedVideo? {
        switch self {
        case .created(let value), .existing(let value): return value
        case .refused: return nil
        }
    }
}

/// Why a new tracking was refused, decided inside the transaction that would have stored it so
/// that concurrent requests (on any node) cannot overshoot.
public enum TrackRefusal: Error, Sendable, Equatable {
    /// The account already has `current` active trackings and may have `limit`.
    case videoLimit(limit: Int, current: Int)
    /// What is left of the balance after what running trackings may still cost does not cover
    /// the new tracking's estimated cost.
    case insufficientBalance(balance: Money, available: Money, needed: Money)
}

/// An account's consumption, as `GET /v1/usage` shows it.
public struct AccountUsage: Sendable, Equatable {
    /// Trackings monitoring or paused whose window has not ended.
    public var activeTrackings: Int
    /// Snapshots the account's trackings can see that were taken since the start of the period.
    public var snapshotsThisPeriod: Int
    public var balance: Money
    /// What running trackings may still be charged (their estimates minus what they were charged).
    public var held: Money

    public init(activeTrackings: Int, snapshotsThisPeriod: Int, balance: Money, held: Money) {
        self.activeTrackings = activeTrackings
        self.snapshotsThisPeriod = snapshotsThisPeriod
        self.balance = balance
        self.held = held
    }

    /// The balance not held by running trackings: what new trackings can use.
    public var available: Money { balance - held }
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

/// An inclusive range of times, either end open: a list's `published_from`/`published_to`.
public struct DateBounds: Sendable, Hashable {
    public var from: Date?
    public var to: Date?

    public init(from: Date? = nil, to: Date? = nil) {
        self.from = from
        self.to = to
    }

    /// An end of a range.
    public enum End: Sendable, Equatable { case from, to }

    /// Why two typed ends do not make a range.
    public enum Problem: Error, Sendable, Equatable {
        /// The text of `end` is neither a day nor a time.
        case notATime(End, String)
        /// `from` is after `to`.
        case backwards
    }

    /// The range two ends a person typed make, as the API's `<name>_from`/`<name>_to` and the
    /// CLI's `--<name>-from`/`--<name>-to` read them: each a day (`2026-11-01`, from its start
    /// or to its end, UTC) or an ISO 8601 time (``TimestampText/bound(_:endOfDay:)``); no text
    /// is an open end.
    public static func read(from: String?, to: String?) -> Result<DateBounds, Problem> {
        func read(_ text: String?, _ end: End) -> Result<Date?, Problem> {
            guard let text else { return .success(nil) }
            guard let date = TimestampText.bound(text, endOfDay: end == .to) else { return .failure(.notATime(end, text)) }
            return .success(date)
        }
        return read(from, .from).flatMap { start in
            read(to, .to).flatMap { end in
                if let start, let end, start > end { return .failure(.backwards) }
                return .success(DateBounds(from: start, to: end))
            }
        }
    }

    /// The range for a file name: `posted-2026-11-01-to-2026-11-30` (`start`/`end` for an open
    /// end), `nil` when both ends are open. `name` says what is bounded (`posted`, `added`).
    public func fileNamePart(_ name: String) -> String? {
        guard from != nil || to != nil else { return nil }
        let day = { (date: Date?, open: String) in date.map { String(TimestampText.string($0).prefix(10)) } ?? open }
        return "\(name)-\(day(from, "start"))-to-\(day(to, "end"))"
    }

    /// Whether `date` is in the range; an unknown date is only in a range open at both ends.
    public func admits(_ date: Date?) -> Bool {
        guard from != nil || to != nil else { return true }
        guard let date else { return false }
        return (from.map { date >= $0 } ?? true) && (to.map { date <= $0 } ?? true)
    }
}

/// Filters for listing an account's trackings.
public struct TrackingFilter: Sendable, Hashable {
    public var platform: Platform?
    /// Compared with the effective status (a passed window counts as completed).
    public var status: TrackingStatus?
    /// Only trackings with this review status. Excluded trackings are never listed.
    public var reviewStatus: ReviewStatus?
    /// Only trackings of this campaign (the name exactly as stored).
    public var campaign: String?
    /// Only trackings discovery added for this followed creator.
    public var creatorID: UUID?
    /// Only the tracking of this one video, named by its platform's id (give ``platform`` too:
    /// ids are only unique per platform). How a video is looked up by its URL.
    public var externalID: String?
    /// The order the trackings come in (a page cursor belongs to one order).
    public var order: TrackingOrder = .newest
    /// Words each listed video's title, author or notes contains, ignoring case (``SearchWords``).
    public var search: [String] = []
    /// Only videos the platform says were published in this range (inclusive); a video whose
    /// publication time is not known yet is left out.
    public var published = DateBounds()
    /// Only trackings added (created) in this range (inclusive).
    public var added = DateBounds()

    public init(
        platform: Platform? = nil, status: TrackingStatus? = nil, reviewStatus: ReviewStatus? = nil, campaign: String? = nil, creatorID: UUID? = nil,
        externalID: String? = nil, order: TrackingOrder = .newest, search: [String] = []
    ) {
        self.order = order
        self.search = search
        self.platform = platform
        self.status = status
        self.reviewStatus = reviewStatus
        self.campaign = campaign
        self.creatorID = creatorID
        self.externalID = externalID
    }
}

/// What renaming (or removing) a campaign changed.
public struct CampaignRename: Sendable, Hashable {
    public var trackings: Int
    public var creators: Int

    public init(trackings: Int, creators: Int) {
        self.trackings = trackings
        self.creators = creators
    }
}

/// One campaign of an account: its name and how many of its trackings it holds (excluded ones
/// not counted, as they are never listed).
public struct CampaignSummary: Sendable, Hashable {
    public var name: String
    public var videos: Int
    /// The newest tracking's creation time: campaigns are listed newest first.
    public var lastAddedAt: Date

    public init(name: String, videos: Int, lastAddedAt: Date) {
        self.name = name
        self.videos = videos
        self.lastAddedAt = lastAddedAt
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

/// A position in a list: the last item's creation time and id, and in a list ordered by a
/// counter (``TrackingOrder``) the value it was ordered by.
public struct PageCursor: Sendable, Hashable {
    public var createdAt: Date
    public var id: UUID
    /// The last item's value of what the list is ordered by (``TrackingOrder/noValue`` when it
    /// had none); `nil` in a list ordered newest first.
    public var sortValue: Int64?

    public init(createdAt: Date, id: UUID, sortValue: Int64? = nil) {
        self.createdAt = createdAt.truncatedToMilliseconds
        self.id = id
        self.sortValue = sortValue
    }
}

extension Tracking {
    /// The position after this tracking in a list (`sortValue` in one ordered by a counter).
    public func pageCursor(sortValue: Int64? = nil) -> PageCursor {
        PageCursor(createdAt: createdAt, id: id, sortValue: sortValue)
    }
}

/// The order of a list of trackings.
public enum TrackingOrder: String, Sendable, Hashable, CaseIterable {
    /// The newest tracking first (the default).
    case newest
    /// The most of a counter first, as each tracking sees it (its newest visible snapshot: an
    /// ended tracking's counts at its end); those without a count last; ties newest first.
    case views, likes, comments, shares, saves
    /// The most views gained in the day up to the newest visible snapshot first (what the API
    /// shows as `views_gained_24h`): the fastest growing; those without a day of history last.
    case viewsGained24h = "views_gained_24h"
    /// The highest engagement rate first (``Counts/engagementRate`` of the visible counts, ranked
    /// in parts per million); those without views last.
    case engagementRate = "engagement_rate"

    /// What a tracking without the value is ranked by: below any count or gain.
    public static let noValue: Int64 = -9_000_000_000_000_000_000
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
    /// Replaces the milestones (validated); reached ones that stay keep their date.
    public var milestones: [Int64]?
    /// Moves the tracking to a campaign (validated ``CampaignName``); `.some(nil)` takes it out.
    public var campaign: String??

    public init(status: TrackingStatus? = nil, notes: String?? = nil, milestones: [Int64]? = nil, campaign: String?? = nil) {
        self.status = status
        self.notes = notes
        self.milestones = milestones
        self.campaign = campaign
    }

    /// Whether it changes anything.
    public var isEmpty: Bool { status == nil && notes == nil && milestones == nil && campaign == nil }
}

extension TrendlineRepository {
    /// A window change alone (no other field).
    public func changeWindow(id: UUID, accountID: UUID, change: TrackingWindowChange, maxActiveTrackings: Int?, at date: Date) async throws -> Result<TrackedVideo, TrackRefusal>? {
        try await changeWindow(id: id, accountID: accountID, change: change, maxActiveTrackings: maxActiveTrackings, fields: TrackingChange(), at: date)
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

/// A fetched snapshot with the video metadata that came with it, as the worker stores it.
public struct SnapshotRecord: Sendable {
    public var snapshot: Snapshot
    public var metadata: VideoMetadata
    /// The lease the worker claimed the video with (``Video/leaseUntil`` from the claim). When
    /// set, the record is stored only while the video's lease is still that one: a worker whose
    /// lease expired and was claimed again by another stores nothing, so a check that outlives
    /// its lease is never stored twice. `nil` stores unconditionally.
    public var lease: Date?

    public init(snapshot: Snapshot, metadata: VideoMetadata, lease: Date? = nil) {
        self.snapshot = snapshot
        self.metadata = metadata
        self.lease = lease
    }
}

extension TrendlineRepository {
    /// ``key(hash:)`` then ``account(id:)``: for backends without a one-read path.
    public func keyWithAccount(hash: String) async throws -> (key: APIKey, account: Account)? {
        guard let key = try await key(hash: hash), let account = try await account(id: key.accountID) else { return nil }
        return (key, account)
    }

    @discardableResult
    public func recordSnapshot(_ snapshot: Snapshot, metadata: VideoMetadata, at date: Date) async throws -> Bool {
        try await recordSnapshots([SnapshotRecord(snapshot: snapshot, metadata: metadata)], at: date)[0]
    }
}

/// What deleting an account removed.
public struct AccountDeletion: Sendable, Equatable {
    /// The account's trackings.
    public var trackings: Int
    /// Videos no other account tracked, deleted with their snapshots.
    public var videosDeleted: Int

    public init(trackings: Int, videosDeleted: Int) {
        self.trackings = trackings
        self.videosDeleted = videosDeleted
    }
}
