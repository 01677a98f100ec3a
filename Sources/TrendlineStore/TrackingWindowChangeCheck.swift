import Foundation
import TrendlineDomain

/// The plan's checks on a ``TrackingWindowChange``, made inside the transaction that stores it
/// (as a new tracking's are, ``TrackRefusal``): a completed tracking that monitors again counts
/// against the video limit, and a larger estimate must fit in what the balance has free.
public struct TrackingWindowChangeCheck: Sendable {
    public let before: Tracking
    public let after: Tracking
    public let limit: Int?
    /// An ended tracking becomes active again.
    public let reactivates: Bool
    /// What more the tracking holds of the balance after the change.
    public let extraHold: Money

    public init(before: Tracking, change: TrackingWindowChange, maxActiveTrackings: Int?, at now: Date) {
        self.before = before
        self.after = change.applied(to: before)
        self.limit = maxActiveTrackings
        self.reactivates = !before.isActive(at: now) && after.isActive(at: now)
        self.extraHold = after.hold(at: now) - before.hold(at: now)
    }

    /// Whether the refusal needs the account's active trackings, holds and balance.
    public var needsAccount: Bool {
        (reactivates && limit != nil) || extraHold > .zero
    }

    /// Why the account may not make the change, given its `active` trackings holding `held`
    /// of `balance` (this tracking among them as it was); `nil` when it may.
    public func refusal(active: Int, held: Money, balance: Money) -> TrackRefusal? {
        if reactivates, let limit, active >= limit { return .videoLimit(limit: limit, current: active) }
        guard extraHold > .zero else { return nil }
        let available = balance - held
        return available >= extraHold ? nil : .insufficientBalance(balance: balance, available: available, needed: extraHold)
    }
}
