import Foundation
import TrendlineDomain

/// Followed creators, their follower history, the videos discovery has seen, and the review
/// of discovered videos (the inbox). Discovered videos become trackings through
/// ``TrendlineRepository/track(_:at:)`` with a ``NewTracking/creatorID``, which writes the
/// `video.discovered` event in the same transaction.
public protocol CreatorStore: Sendable {
    /// Follows a creator, unless the account follows it already (`.existing`) or already
    /// follows `maxCreators` (`.refused`); checked in the transaction that inserts it.
    func createCreator(_ creator: Creator, maxCreators: Int?) async throws -> CreatorOutcome
    func creator(id: UUID, accountID: UUID) async throws -> Creator?
    /// The account's creators, newest first.
    func creators(accountID: UUID) async throws -> [Creator]
    /// `nil` when not the account's. A new interval moves the next check to the last check plus it.
    func updateCreator(id: UUID, accountID: UUID, change: CreatorChange, at date: Date) async throws -> Creator?
    /// Unfollows; its videos stay tracked (no longer linked). `false` when not the account's.
    func deleteCreator(id: UUID, accountID: UUID) async throws -> Bool

    /// Leases up to `limit` creators whose discovery is due, soonest first, until `leaseUntil`.
    func claimDueCreators(at date: Date, limit: Int, leaseUntil: Date) async throws -> [Creator]
    /// Which of `videoIDs` discovery has already seen for this creator.
    func knownCreatorVideos(creatorID: UUID, videoIDs: [String]) async throws -> Set<String>
    /// After a check: stores the profile, the providers that answered and a follower snapshot,
    /// remembers `seen` video ids, counts `discovered`, sets the next check and clears the lease
    /// and error.
    func recordCreatorCheck(
        creatorID: UUID, profile: CreatorProfile, sources: CreatorSources, seen: [String], discovered: Int, nextCheckAt: Date, at date: Date
    ) async throws
    /// After a failed check: keeps the error, sets the next check and clears the lease.
    func recordCreatorFailure(creatorID: UUID, error: String, nextCheckAt: Date) async throws
    /// The follower history, oldest first, at most `limit` newest readings.
    func creatorHistory(creatorID: UUID, limit: Int) async throws -> [CreatorSnapshot]

    /// Includes or excludes trackings of the account, one result per id in order. Including
    /// takes a `pending_review` tracking (its window starts now, snapshots begin);
    /// excluding stops any tracking that is not excluded yet and hides it for good.
    func review(trackingIDs: [UUID], accountID: UUID, decision: ReviewDecision, at date: Date) async throws -> [ReviewOutcome]
}

/// What a reviewer decided about discovered videos.
public enum ReviewDecision: String, Sendable {
    case include
    case exclude
}

extension ReviewDecision {
    /// What the decision does to `tracking` at `now`, decided once for every backend.
    public func step(for tracking: Tracking, at now: Date) -> ReviewStep {
        switch self {
        case .include:
            guard tracking.reviewStatus == .pendingReview else { return .refuse(tracking.reviewStatus) }
            return .include(window: TrackingWindow(start: now, duration: tracking.window.duration))
        case .exclude:
            return tracking.reviewStatus == .excluded ? .keep : .exclude
        }
    }
}

/// The change a review makes to one tracking (see ``ReviewDecision/step(for:at:)``).
public enum ReviewStep: Sendable, Equatable {
    /// Only `pending_review` trackings can be included; this one is the status given.
    case refuse(ReviewStatus)
    /// `included` and monitoring, with a window starting now.
    case include(window: TrackingWindow)
    /// `excluded` and stopped (ended now unless it had ended).
    case exclude
    /// Already excluded: nothing to write.
    case keep
}

extension Creator {
    /// The creator after `change`: a new interval moves the next check to the last check (or
    /// `date`, before the first) plus the interval.
    public func applying(_ change: CreatorChange, at date: Date) -> Creator {
        var creator = self
        if let mode = change.mode { creator.mode = mode }
        if let notes = change.notes { creator.notes = notes }
        if let duration = change.trackingDuration { creator.trackingDuration = duration }
        if let cadence = change.trackingCadence { creator.trackingCadence = cadence }
        if let campaign = change.campaign { creator.campaign = campaign }
        if let interval = change.discoveryInterval {
            creator.discoveryInterval = interval
            creator.nextCheckAt = (lastCheckedAt ?? date).addingTimeInterval(interval).truncatedToMilliseconds
        }
        return creator
    }
}

/// One id's result in a bulk review.
public enum ReviewOutcome: Sendable {
    case done(TrackedVideo)
    /// No such tracking for the account.
    case notFound(UUID)
    /// Only `pending_review` videos can be included; this one is `status`.
    case notPending(UUID, ReviewStatus)
}

/// The result of following a creator.
public enum CreatorOutcome: Sendable {
    case created(Creator)
    case existing(Creator)
    /// The plan allows `limit` creators and the account follows `current`.
    case refused(limit: Int, current: Int)
}

/// A change to a followed creator; `nil` fields stay.
public struct CreatorChange: Sendable {
    public var mode: DiscoveryMode?
    public var discoveryInterval: TimeInterval?
    public var notes: String??
    /// For videos discovered from now on; videos already tracked keep their terms.
    public var trackingDuration: TrackingDuration?
    public var trackingCadence: Cadence?
    /// The campaign of videos discovered from now on (validated ``CampaignName``); `.some(nil)` none.
    public var campaign: String??

    public init(
        mode: DiscoveryMode? = nil, discoveryInterval: TimeInterval? = nil, notes: String?? = nil,
        trackingDuration: TrackingDuration? = nil, trackingCadence: Cadence? = nil, campaign: String?? = nil
    ) {
        self.campaign = campaign
        self.mode = mode
        self.discoveryInterval = discoveryInterval
        self.notes = notes
        self.trackingDuration = trackingDuration
        self.trackingCadence = trackingCadence
    }
}
