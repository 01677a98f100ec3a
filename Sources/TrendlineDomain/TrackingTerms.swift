import Foundation

/// What an account's plan fixed for one tracking when it started: later plan or price changes
/// do not reach back into trackings already running.
public struct TrackingTerms: Sendable, Hashable {
    /// The shortest time between two snapshots for this tracking, in seconds (0: none).
    public var minimumInterval: TimeInterval
    /// Charged per snapshot taken (zero when the plan does not use credits).
    public var pricePerSnapshot: Money
    /// The most the tracking may be charged in all: the estimated snapshots × the price.
    public var estimatedCost: Money

    public init(minimumInterval: TimeInterval = 0, pricePerSnapshot: Money = .zero, estimatedCost: Money = .zero) {
        self.minimumInterval = minimumInterval
        self.pricePerSnapshot = pricePerSnapshot
        self.estimatedCost = estimatedCost
    }

    /// No floor and no charges.
    public static let free = TrackingTerms()

    /// The charge for one more snapshot when `charged` was already taken and the account has
    /// `balance`: the price, but never past the estimate or below a zero balance.
    public func charge(after charged: Money, balance: Money) -> Money {
        guard pricePerSnapshot > .zero else { return .zero }
        return max(.zero, min(pricePerSnapshot, estimatedCost - charged, balance))
    }
}

/// One change to an account's balance. The balance is always the sum of its ledger.
public struct LedgerEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A top-up or correction by the operator.
        case credit
        /// One snapshot taken for a tracking.
        case snapshot
    }

    public var id: Int64
    public var accountID: UUID
    public var at: Date
    /// Positive for credits, negative for charges.
    public var amount: Money
    public var balanceAfter: Money
    public var kind: Kind
    public var trackingID: UUID?
    public var note: String?

    public init(id: Int64, accountID: UUID, at: Date, amount: Money, balanceAfter: Money, kind: Kind, trackingID: UUID? = nil, note: String? = nil) {
        self.id = id
        self.accountID = accountID
        self.at = at.truncatedToMilliseconds
        self.amount = amount
        self.balanceAfter = balanceAfter
        self.kind = kind
        self.trackingID = trackingID
        self.note = note
    }
}
