import Foundation

/// How often a tracked video is snapshotted.
public enum Cadence: String, CaseIterable, Sendable, Codable {
    /// Every hour for the whole window.
    case hourly
    /// Once a day.
    case daily
    /// Hourly while the video is young, then every 6 hours to day 7, then daily. The default.
    case adaptive

    public static let `default` = Cadence.adaptive

    /// The time between two checks for a video of the given age.
    ///
    /// - Parameter videoAge: time since the video was published (or first seen when the
    ///   platform did not say when it was published).
    public func interval(videoAge: TimeInterval) -> TimeInterval {
        switch self {
        case .hourly: return 3600
        case .daily: return 86_400
        case .adaptive:
            if videoAge < 48 * 3600 { return 3600 }
            if videoAge < 7 * 86_400 { return 6 * 3600 }
            return 86_400
        }
    }
}
