import Foundation

extension Cadence {
    /// How many snapshots a window of `duration` takes at most with this cadence, counting from
    /// a newly published video (the most frequent case) and never more often than
    /// `minimumInterval`: 7 days hourly is 7 × 24 = 168.
    ///
    /// Credits charge per snapshot taken but never more than this many, so the estimate is the
    /// most a tracking can cost even when adaptive checks speed up for a fast-growing video.
    public func estimatedSnapshots(over duration: TrackingDuration, minimumInterval: TimeInterval = 0) -> Int {
        let end = TimeInterval(duration.days) * 86_400
        var at: TimeInterval = 0
        var count = 0
        while at < end {
            count += 1
            at += max(interval(videoAge: at), minimumInterval, 60)
        }
        return count
    }
}
