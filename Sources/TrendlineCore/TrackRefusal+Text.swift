import TrendlineStore

extension TrackRefusal {
    /// The error code the API answers with, and the CLI prints.
    public var code: String {
        switch self {
        case .videoLimit: "SUBSCRIPTION_LIMIT"
        case .insufficientBalance: "INSUFFICIENT_BALANCE"
        }
    }

    /// Why, as the API and the CLI say it, under the plan named `plan`. `ofAChange`: the
    /// refusal of a window change, whose `needed` is what the change adds to the tracking's
    /// estimate rather than the whole of it.
    public func message(plan: String, ofAChange: Bool = false) -> String {
        switch self {
        case .videoLimit(let limit, let current):
            "Video limit reached. Your \(plan) plan allows \(limit) tracked videos. Current usage: \(current)"
        case .insufficientBalance(let balance, let available, let needed):
            "insufficient balance: \(ofAChange ? "this change adds $\(needed) to what the tracking may cost" : "this tracking may cost $\(needed)") "
                + "and $\(available) of the $\(balance) balance is not held by running trackings; add credit"
        }
    }
}
