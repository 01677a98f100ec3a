import Foundation

/// Decides when a shared video is next due: the soonest that any of its active trackings needs.
public enum NextCheckPlanner {
    /// What one tracking needs from the shared video.
    public struct Need: Sendable {
        public var cadence: Cadence
        public var status: TrackingStatus
        public var windowEnd: Date
        /// The plan's floor on the time between two checks for this tracking, in seconds.
        public var minimumInterval: TimeInterval
        public init(cadence: Cadence, status: TrackingStatus, windowEnd: Date, minimumInterval: TimeInterval = 0) {
            self.cadence = cadence
            self.status = status
            self.windowEnd = windowEnd
            self.minimumInterval = minimumInterval
        }
    }

    /// Relative view growth per hour from an older and a newer reading (`nil` when it cannot tell).
    public static func growthPerHour(from older: (Date, Int64?), to newer: (Date, Int64?)) -> Double? {
        guard let before = older.1, let after = newer.1, before > 0 else { return nil }
        let hours = newer.0.timeIntervalSince(older.0) / 3600
        guard hours > 0 else { return nil }
        return Double(after - before) / Double(before) / hours
    }

    /// The next check time, or `nil` when no tracking wants snapshots any more.
    ///
    /// - Parameters:
    ///   - lastSnapshotAt: the newest snapshot; without one the video is due at `now`.
    ///   - videoBornAt: when the video was published, or first seen when that is unknown.
    ///   - growthPerHour: relative view growth per hour between the last two snapshots, when known.
    public static func nextCheck(lastSnapshotAt: Date?, videoBornAt: Date, needs: [Need], now: Date, growthPerHour: Double? = nil) -> Date? {
        let active = needs.filter { $0.status.wantsSnapshots && $0.windowEnd > now }
        guard !active.isEmpty else { return nil }
        guard let last = lastSnapshotAt else { return now.truncatedToMilliseconds }
        let age = max(0, last.timeIntervalSince(videoBornAt))
        let soonest = active.map { need in
            last.addingTimeInterval(max(need.cadence.interval(videoAge: age, growthPerHour: growthPerHour), need.minimumInterval))
        }.min()!
        // No check is planned past the last window: its end gets the closing check.
        let lastEnd = active.map(\.windowEnd).max()!
        return min(soonest, lastEnd).truncatedToMilliseconds
    }
}
