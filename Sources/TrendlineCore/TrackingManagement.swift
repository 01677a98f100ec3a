import Foundation
import TrendlineDomain
import TrendlineStore

/// Reading and changing one account's trackings: get, list, stop/pause/resume, notes, delete.
public struct TrackingManagement: Sendable {
    let repository: any TrendlineRepository
    let clock: WallClock

    public init(repository: any TrendlineRepository, clock: WallClock = .system) {
        self.repository = repository
        self.clock = clock
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
}
