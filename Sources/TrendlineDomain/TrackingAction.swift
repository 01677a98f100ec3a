import Foundation

/// A change of status a user asks for.
public enum TrackingAction: String, Sendable, CaseIterable {
    case stop, pause, resume

    /// The status after the action, or why it cannot apply.
    ///
    /// Repeating an action is harmless (pausing a paused tracking leaves it paused), while
    /// reviving an ended tracking is a conflict: a stopped, completed or unavailable tracking
    /// stays ended.
    public func apply(to tracking: Tracking, at now: Date) -> Result<TrackingStatus, TrackingActionError> {
        let current = tracking.effectiveStatus(at: now)
        if self == .resume && tracking.reviewStatus == .pendingReview {
            return .failure(TrackingActionError(action: self, status: current, reason: "it is pending_review: include it from the inbox (POST /v1/inbox/approve)"))
        }
        switch (self, current) {
        case (.stop, .monitoring), (.stop, .paused), (.stop, .stopped):
            return .success(.stopped)
        case (.pause, .monitoring), (.pause, .paused):
            return .success(.paused)
        case (.resume, .paused), (.resume, .monitoring):
            return .success(.monitoring)
        default:
            return .failure(TrackingActionError(action: self, status: current))
        }
    }
}

/// An action that does not apply to a tracking in its current status.
public struct TrackingActionError: Error, Sendable, Equatable {
    public let action: TrackingAction
    public let status: TrackingStatus
    /// Why, when the status alone does not say.
    public var reason: String?

    public init(action: TrackingAction, status: TrackingStatus, reason: String? = nil) {
        self.action = action
        self.status = status
        self.reason = reason
    }

    public var message: String {
        reason.map { "cannot \(action.rawValue) this tracking: \($0)" } ?? "cannot \(action.rawValue) a tracking that is \(status.rawValue)"
    }
}
