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

    /// Whether a tracking whose snapshots must be `minimumInterval` apart may ask for this
    /// cadence: a fixed one checking more often is refused; adaptive is slowed down to the
    /// minimum instead.
    public func isAllowed(minimumInterval: TimeInterval) -> Bool {
        self == .adaptive || interval(videoAge: 0) >= minimumInterval
    }

    /// Views growing faster than this fraction per hour make adaptive checks twice as often.
    public static let fastGrowthPerHour = 0.05
    /// Views growing slower than this fraction per hour make adaptive checks half as often.
    public static let flatGrowthPerHour = 0.001

    /// The time between two checks for a video of the given age, adjusted (adaptive only) by
    /// how fast its views grew between the last two snapshots: twice as often while growing
    /// more than 5 % an hour (never under 30 min), half as often when under 0.1 % an hour
    /// (never over a day).
    public func interval(videoAge: TimeInterval, growthPerHour: Double?) -> TimeInterval {
        let base = interval(videoAge: videoAge)
        guard self == .adaptive, let growth = growthPerHour else { return base }
        if growth > Self.fastGrowthPerHour { return max(1800, base / 2) }
        if growth < Self.flatGrowthPerHour { return min(86_400, base * 2) }
        return base
    }

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
