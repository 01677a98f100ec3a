import Foundation

/// Medians and percentiles of measured samples.
enum Statistics {
    static func median(_ values: [Double]) -> Double {
        percentile(values, 50)
    }

    /// The `p`-th percentile (nearest rank) of `values`; 0 when there are none.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}

/// Formats a figure for the table.
enum Figures {
    static func number(_ value: Double, decimals: Int = 0) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        formatter.decimalSeparator = "."
        formatter.minimumFractionDigits = decimals
        formatter.maximumFractionDigits = decimals
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    static func ms(_ seconds: Double) -> String {
        seconds < 0.01 ? String(format: "%.3f ms", seconds * 1000) : String(format: "%.2f ms", seconds * 1000)
    }

    static func ratio(_ value: Double) -> String {
        String(format: "%.2f×", value)
    }
}
