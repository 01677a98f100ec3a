import TrendlineStore

/// Errors with a one-line description for the terminal.
protocol TrendlineStoreErrorDescribable: Error {
    var cliDescription: String { get }
}

extension StoreError: TrendlineStoreErrorDescribable {
    var cliDescription: String {
        switch self {
        case .conflict(let message), .corrupt(let message), .unavailable(let message): return message
        }
    }
}
