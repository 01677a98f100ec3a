import TrendlineStore

extension TrackRefusal {
    /// The error code the API answers with, and the CLI prints.
    public var code: String {
        switch self {
        case .videoLimit: "SUBSCRIPTION_LIMIT"
        case .insufficientBalance: "INSUFFICIENT_BALANCE"
        }
    }

    /// Why, as the API and the CLI say it, under the plan named `plan`.
    public func message(plan: String) -> String {
        switch self {
        case .videoLimit(let limit, let current):
            "Video limit reached. Your \(plan) plan allows \(limit) tracked videos. Current usage: \(current)"
        case .insufficientBalance(let balance, let available, let needed):
            "insufficient balance: this tracking may cost $\(needed) and $\(available) of the $\(balance) balance is not held by running trackings; add credit"
        }
    }
}
