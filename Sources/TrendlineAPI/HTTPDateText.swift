import Foundation
import Synchronization
import TrendlineDomain

/// The `Date` header's text (RFC 9110 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"), made once
/// per second: what Hummingbird writes on the router's answers, for the ones
/// ``ImmediateDetailAnswers`` writes itself (Hummingbird's own cache is internal to it).
final class HTTPDateText: Sendable {
    static let shared = HTTPDateText()

    private let kept = Mutex<(second: Int64, text: String)>((.min, ""))

    func now() -> String {
        let second = Int64(Date().timeIntervalSince1970.rounded(.down))
        return kept.withLock { kept in
            if kept.second != second { kept = (second, Self.text(epochSecond: second)) }
            return kept.text
        }
    }

    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date of `epochSecond` (seconds since 1970-01-01T00:00:00Z, a Thursday), in UTC.
    static func text(epochSecond: Int64) -> String {
        let days = epochSecond >= 0 ? epochSecond / 86_400 : (epochSecond - 86_399) / 86_400
        let secondOfDay = epochSecond - days * 86_400
        let (year, month, day) = TimestampText.civilDate(daysSince1970: days)
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(day)) \(months[Int(month) - 1]) \(year) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }
}
