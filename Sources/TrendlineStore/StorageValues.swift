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

extension CreatorSources {
    /// The providers read back from a creator's row: both or neither are written, so a row
    /// with either missing (never checked, or checked before they were recorded) has none.
    package static func stored(profile: String?, videos: String?) -> CreatorSources? {
        guard let profile, let videos else { return nil }
        return CreatorSources(profile: profile, videos: videos)
    }
}
