import Foundation
import TrendlineDomain
import TrendlineStore

/// Stops, pauses, resumes, refreshes, edits or deletes an account's videos named as a person types
/// them (tracking ids or tracked URLs), with one result per name in order: what was done, or
/// why not, under the codes the API answers with (`NOT_FOUND`, `CONFLICT`, `VALIDATION_ERROR`,
/// `SUBSCRIPTION_LIMIT`, `INSUFFICIENT_BALANCE`, `RATE_LIMIT_EXCEEDED`, `UPSTREAM_ERROR`). What
/// `trendline videos` runs.
public struct VideoChanges: Sendable {
    let repository: any TrendlineRepository
    let clock: WallClock

    public init(repository: any TrendlineRepository, clock: WallClock = .system) {
        self.repository = repository
        self.clock = clock
    }

    /// What to do to each video.
    public enum Change: Sendable {
        case status(TrackingAction)
        /// A snapshot now, within `limit` manual refreshes per video per 24 hours.
        case refresh(limit: Int)
        /// Notes, milestones, campaign, window length and/or cadence, already validated (as
        /// `PATCH /v1/videos/{id}`), under the account's plan (its video limit).
        case edit(VideoEdit)
        /// The tracking goes; the video and its history go with it when no account tracks it.
        case delete

        /// The word a done change is reported with.
        public var doneWord: String {
            switch self {
            case .status(.stop): "stopped"
            case .status(.pause): "paused"
            case .status(.resume): "resumed"
            case .refresh: "refreshed"
            case .edit: "updated"
            case .delete: "deleted"
            }
        }
    }

    /// One name's result.
    public struct Result: Sendable {
        /// The name as given.
        public var reference: String
        /// ``Change/doneWord``; `nil` when refused (see ``error``).
        public var done: String?
        /// The tracking as it is after the change (before it, for a delete).
        public var item: TrackedVideo?
        /// The snapshot a refresh took.
        public var snapshot: Snapshot?
        /// Why it was refused, under one of the codes above.
        public var error: ItemRefusal?
    }

    /// Applies `change` to each named video in turn, under the account's `plan` (an edit that
    /// reopens a tracking counts against its video limit); `liveStats` fetches for a refresh.
    public func apply(
        _ change: Change, to references: [String], accountID: UUID, plan: Plan = .unlimited, liveStats: any LiveStats = NoLiveStats()
    ) async throws -> [Result] {
        let management = TrackingManagement(repository: repository, clock: clock)
        var results: [Result] = []
        for reference in references {
            let found: TrackedVideo?
            do {
                found = try await management.find(reference, accountID: accountID)
            } catch let error as StatsReportError {
                results.append(Result(reference: reference, error: .init(code: "NOT_FOUND", message: error.description)))
                continue
            }
            guard let item = found else {
                results.append(Self.notTracked(reference))
                continue
            }
            results.append(try await apply(change, to: item, reference: reference, plan: plan, management: management, liveStats: liveStats))
        }
        return results
    }

    func apply(
        _ change: Change, to item: TrackedVideo, reference: String, plan: Plan, management: TrackingManagement, liveStats: any LiveStats
    ) async throws -> Result {
        let accountID = item.tracking.accountID
        var result = Result(reference: reference, done: change.doneWord, item: item)
        switch change {
        case .status(let action):
            switch try await management.apply(action, to: item.tracking.id, accountID: accountID) {
            case nil: return Self.notTracked(reference)
            case .failure(let error): return Result(reference: reference, item: item, error: .init(code: "CONFLICT", message: error.message))
            case .success(let updated): result.item = updated
            }
        case .refresh(let limit):
            let outcome = try await management.refresh(item, limit: limit, liveStats: liveStats)
            guard case .refreshed(let snapshot) = outcome else { return Result(reference: reference, item: item, error: outcome.refusal) }
            result.snapshot = snapshot
        case .edit(let edit):
            switch try await management.edit(item, edit, maxActiveTrackings: plan.maxTrackedVideos) {
            case nil: return Self.notTracked(reference)
            case .failure(let refusal)?: return Result(reference: reference, item: item, error: refusal.refusal(plan: plan.name))
            case .success(let updated)?: result.item = updated
            }
        case .delete:
            guard try await repository.deleteTracking(id: item.tracking.id, accountID: accountID, at: clock.now) else { return Self.notTracked(reference) }
        }
        return result
    }

    static func notTracked(_ reference: String) -> Result {
        Result(reference: reference, error: .init(code: "NOT_FOUND", message: StatsReportError.notTracked(reference).description))
    }
}
