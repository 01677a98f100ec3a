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
    public var message: String {
        "cannot \(action.rawValue) a tracking that is \(status.rawValue)"
    }
}
