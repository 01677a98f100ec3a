import Foundation
import TrendlineDomain

extension UUID {
    /// The form every store keeps: lowercase.
    package var storageString: String { UUIDText.lowercase(self) }
}

extension Date {
    /// Milliseconds since 1970, the form every store keeps times in.
    package var ms: Int64 { millisecondsSince1970 }
}

extension TrackingDuration {
    /// A duration read back from a row; a value outside the allowed range is a corrupt row.
    package static func stored(days: Int) throws -> TrackingDuration {
        guard let duration = try? TrackingDuration(days: days) else { throw StoreError.corrupt("bad duration \(days)") }
        return duration
    }
}
