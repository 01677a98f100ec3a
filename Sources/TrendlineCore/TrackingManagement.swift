import Foundation
import TrendlineDomain
import TrendlineStore

/// Reading and changing one account's trackings: find, stop/pause/resume, refresh. The API and
/// the CLI both go through it, so they answer alike.
public struct TrackingManagement: Sendable {
    let repository: any TrendlineRepository
    let clock: WallClock

    public init(repository: any TrendlineRepository, clock: WallClock = .system) {
        self.repository = repository
        self.clock = clock
    }

    /// The account's tracking that `reference` names: a tracking id, or a URL of a video the
    /// account tracks (canonicalized as a track would be; short links are not followed here).
    /// `nil` when the account tracks no such video (excluded videos included: they are hidden
    /// for good). Throws ``StatsReportError/notAReference(_:)`` for text that is neither.
    public func find(_ reference: String, accountID: UUID) async throws -> TrackedVideo? {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if let id = UUIDText.parse(text) {
            return try await repository.trackedVideo(id: id, accountID: accountID).flatMap { $0.tracking.reviewStatus == .excluded ? nil : $0 }
        }
        guard case .success(.video(let video)) = VideoURLParser.parse(text) else { throw StatsReportError.notAReference(reference) }
        let filter = TrackingFilter(platform: video.platform, externalID: video.externalID)
        return try await repository.listTrackedVideos(accountID: accountID, filter: filter, page: PageRequest(limit: 1), at: clock.now).items.first
    }

    /// Applies a status action; `nil` when the tracking is not the account's.
    public func apply(_ action: TrackingAction, to id: UUID, accountID: UUID) async throws -> Result<TrackedVideo, TrackingActionError>? {
        // Excluded videos are hidden for good: as if they did not exist.
        guard let current = try await repository.trackedVideo(id: id, accountID: accountID), current.tracking.reviewStatus != .excluded else { return nil }
        let now = clock.now
        switch action.apply(to: current.tracking, at: now) {
        case .failure(let error):
            return .failure(error)
        case .success(let status):
            guard status != current.tracking.status else { return .success(current) }
            guard let updated = try await repository.updateTracking(id: id, accountID: accountID, change: TrackingChange(status: status), at: now) else { return nil }
            return .success(updated)
        }
    }

    /// Applies `edit` to the tracking `item`: the window and cadence first, with the plan's
    /// checks (`maxActiveTrackings`, the balance), then the other fields, in one transaction.
    /// A refused window change writes nothing, the other fields included. `nil` when the
    /// tracking is not the account's.
    public func edit(_ item: TrackedVideo, _ edit: VideoEdit, maxActiveTrackings: Int?) async throws -> Result<TrackedVideo, VideoEditRefusal>? {
        let now = clock.now
        let fields = edit.fields
        if edit.duration != nil || edit.cadence != nil {
            switch item.tracking.changingWindow(duration: edit.duration, cadence: edit.cadence, at: now) {
            case .failure(let refusal): return .failure(.window(refusal))
            case .success(let change):
                switch try await repository.changeWindow(
                    id: item.tracking.id, accountID: item.tracking.accountID, change: change, maxActiveTrackings: maxActiveTrackings, fields: fields, at: now) {
                case nil: return nil
                case .failure(let refusal)?: return .failure(.plan(refusal))
                case .success(let changed)?: return .success(changed)
                }
            }
        }
        guard !fields.isEmpty else { return .success(item) }
        return try await repository.updateTracking(id: item.tracking.id, accountID: item.tracking.accountID, change: fields, at: now).map { .success($0) }
    }

    /// What a manual refresh came to.
    public enum RefreshOutcome: Sendable {
        /// The snapshot taken now, stored like a scheduled one.
        case refreshed(Snapshot)
        /// The tracking has ended (stopped, completed, unavailable): nothing is fetched.
        case ended(TrackingStatus)
        /// `limit` refreshes of this video were taken in the last 24 hours.
        case limitReached(limit: Int)
        /// Every provider failed; the refresh still counts against the limit.
        case upstream(LiveStatsFailure)

        /// Why no snapshot was taken, under the code and in the words of the API and the CLI;
        /// `nil` when one was.
        public var refusal: ItemRefusal? {
            switch self {
            case .refreshed: nil
            case .ended(let status): ItemRefusal(code: "CONFLICT", message: "cannot refresh a tracking that is \(status.rawValue)")
            case .limitReached(let limit): ItemRefusal(code: "RATE_LIMIT_EXCEEDED", message: "at most \(limit) manual refreshes per video per 24 hours")
            case .upstream(let failure): ItemRefusal(code: "UPSTREAM_ERROR", message: failure.message)
            }
        }
    }

    /// Takes a snapshot of `item`'s video now, outside its schedule, within `limit` manual
    /// refreshes per video per 24 hours (the plan's `manual_refreshes_per_day`).
    public func refresh(_ item: TrackedVideo, limit: Int, liveStats: any LiveStats) async throws -> RefreshOutcome {
        let now = clock.now
        let status = item.tracking.effectiveStatus(at: now)
        guard !status.isFinal else { return .ended(status) }
        guard try await repository.takeManualRefresh(trackingID: item.tracking.id, limit: limit, at: now) else { return .limitReached(limit: limit) }
        let video = VideoURL(platform: item.video.platform, externalID: item.video.externalID, canonicalURL: item.video.canonicalURL)
        switch await liveStats.fetch(video) {
        case .failure(let failure):
            return .upstream(failure)
        case .success(let reading):
            let snapshot = Snapshot(videoID: item.video.id, takenAt: reading.fetchedAt, counts: reading.counts, provider: reading.provider)
            try await repository.recordSnapshot(snapshot, metadata: reading.metadata, at: now)
            return .refreshed(snapshot)
        }
    }
}
