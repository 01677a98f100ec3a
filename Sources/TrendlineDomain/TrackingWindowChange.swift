import Foundation

/// A tracking given another length and/or cadence (`PATCH /v1/videos/{id}` with
/// `duration_days` or `cadence`). A 7-day tracking of a campaign that runs on is extended, a
/// completed one monitors again, without deleting it and its history to track the video anew.
/// The window keeps its start; its length is 1-30 days from there, as a new tracking's is.
public struct TrackingWindowChange: Sendable, Hashable {
    /// The status the change was decided from: a store refuses it if the tracking's status
    /// has changed since (stopped meanwhile, say).
    public var decidedFrom: TrackingStatus
    public var window: TrackingWindow
    public var cadence: Cadence
    /// The tracking's price times the snapshots the new window and cadence can take (its own
    /// terms: a plan's later prices do not reach back).
    public var estimatedCost: Money
    /// A completed tracking whose window now ends later monitors again.
    public var reopens: Bool

    /// `tracking` with the change made.
    public func applied(to tracking: Tracking) -> Tracking {
        var changed = tracking
        changed.window = window
        changed.cadence = cadence
        changed.terms.estimatedCost = estimatedCost
        if reopens {
            changed.status = .monitoring
            changed.endedAt = nil
        }
        return changed
    }
}

/// Why a tracking's window or cadence cannot change.
public enum TrackingWindowChangeRefusal: Error, Sendable, Equatable {
    /// Stopped or unavailable trackings stay ended (a completed one can only be lengthened).
    case ended(TrackingStatus)
    /// The window, which started at `start`, would end before now; `shortestDays` would still
    /// be open (nil: even 30 days from its start have passed).
    case endsBeforeNow(start: Date, shortestDays: Int?)
    /// The cadence checks more often than the tracking's minimum interval allows.
    case cadenceBelowFloor(Cadence, minimumInterval: TimeInterval)

    public var message: String {
        switch self {
        case .ended(.completed):
            "the tracking is completed: give duration_days to lengthen its window"
        case .ended(let status):
            "cannot change the window of a tracking that is \(status.rawValue)"
        case .endsBeforeNow(let start, let shortest?):
            "the window started at \(TimestampText.string(start)), so it would end before now: duration_days must be at least \(shortest) (use stop to end the tracking now)"
        case .endsBeforeNow(let start, nil):
            "the window started at \(TimestampText.string(start)), more than \(TrackingDuration.allowed.upperBound) days ago, and cannot be lengthened further"
        case .cadenceBelowFloor(let cadence, let minimumInterval):
            "this tracking takes snapshots at most every \(Int(minimumInterval / 60)) minutes; cadence '\(cadence.rawValue)' is not available (use adaptive or a slower cadence)"
        }
    }

    /// The error code the API and the CLI give it.
    public var code: String {
        switch self {
        case .ended: "CONFLICT"
        case .endsBeforeNow: "VALIDATION_ERROR"
        case .cadenceBelowFloor: "SUBSCRIPTION_LIMIT"
        }
    }

    /// The request field the refusal is about.
    public var field: String? {
        switch self {
        case .ended: nil
        case .endsBeforeNow: "duration_days"
        case .cadenceBelowFloor: "cadence"
        }
    }
}

extension Tracking {
    /// The change that gives this tracking `duration` (its window's new length from the same
    /// start) and/or `cadence`, decided at `now`; what is not given stays.
    public func changingWindow(duration: TrackingDuration?, cadence: Cadence?, at now: Date) -> Result<TrackingWindowChange, TrackingWindowChangeRefusal> {
        if status == .stopped || status == .unavailable { return .failure(.ended(status)) }
        if duration == nil, effectiveStatus(at: now) == .completed { return .failure(.ended(.completed)) }
        let newCadence = cadence ?? self.cadence
        if cadence != nil, !newCadence.isAllowed(minimumInterval: terms.minimumInterval) {
            return .failure(.cadenceBelowFloor(newCadence, minimumInterval: terms.minimumInterval))
        }
        let newDuration = duration ?? window.duration
        let newWindow = TrackingWindow(start: window.start, duration: newDuration)
        guard newWindow.end > now else {
            let shortest = Int((now.timeIntervalSince(window.start) / 86_400).rounded(.down)) + 1
            return .failure(.endsBeforeNow(start: window.start, shortestDays: TrackingDuration.allowed.contains(shortest) ? shortest : nil))
        }
        let snapshots = newCadence.estimatedSnapshots(over: newDuration, minimumInterval: terms.minimumInterval)
        return .success(TrackingWindowChange(
            decidedFrom: status, window: newWindow, cadence: newCadence, estimatedCost: terms.pricePerSnapshot * snapshots,
            reopens: status == .completed))
    }

    /// Whether it still wants snapshots at `now`: what a plan's video limit counts.
    public func isActive(at now: Date) -> Bool {
        (status == .monitoring || status == .paused) && window.end > now
    }

    /// What it may still be charged, held from the balance while it is active: its estimate
    /// less what it was charged.
    public func hold(at now: Date) -> Money {
        isActive(at: now) ? max(.zero, terms.estimatedCost - charged) : .zero
    }
}
