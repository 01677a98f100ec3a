import Foundation
import TrendlineDomain
import TrendlineStore

/// A video's counts on a regular grid of times (whole hours or days), each as it stood then:
/// the newest snapshot its tracking may see at or before the time, and the views gained since
/// the time before. What `GET /v1/videos/{id}/history` and `trendline stats VIDEO --interval`
/// answer: views per day for a report, where snapshots come at the cadence's own times.
public enum VideoHistory {
    public struct Point: Sendable, Equatable {
        public var at: Date
        /// All `nil` before the first snapshot.
        public var counts: Counts
        /// Views at this point less views at the one before; `nil` for the first point, or when
        /// either has none.
        public var viewsGained: Int64?
    }

    /// `item`'s counts at each of `times` (ascending), read in one pass over its visible history
    /// up to the last time.
    public static func points(of item: TrackedVideo, at times: [Date], repository: any TrendlineRepository) async throws -> [Point] {
        var timeline = CountTimeline(times: times)
        let visible = item.tracking.visibleRange
        if let last = timeline.times.last, visible.lowerBound <= last {
            let lookup = SnapshotLookup(videoID: item.video.id, range: visible.lowerBound...min(visible.upperBound, last))
            timeline.add(try await repository.snapshotRuns([lookup])[0], since: item.tracking.createdAt)
        }
        let counts = timeline.totals.map { $0.withSnapshot > 0 ? $0.counts : Counts() }
        let gains = CountTimeline.gains(counts.map(\.views))
        return timeline.times.indices.map { Point(at: timeline.times[$0], counts: counts[$0], viewsGained: gains[$0]) }
    }
}
