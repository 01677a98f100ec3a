import Foundation
import Hummingbird
import TrendlineDomain
import TrendlineStore

/// `GET /v1/videos/{id}/history?interval=hour|day&from&to`: a video's counts at each whole UTC
/// hour or day, each as it stood then (its newest visible snapshot at or before the point), and
/// the views gained since the point before: views per day for a report, where the snapshots come
/// at the cadence's own times.
extension VideoRoutes {
    struct HistoryPointDTO: Encodable {
        let at: Date
        @Nullable var views: Int64?
        @Nullable var likes: Int64?
        @Nullable var comments: Int64?
        @Nullable var shares: Int64?
        @Nullable var saves: Int64?
        /// Views now less views at the point before (`null` for the first point, or when either
        /// has none).
        @Nullable var views_gained: Int64?
    }

    @Sendable func history(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let item = try await owned(request, context)
        let range = try HistoryRange(request, now: dependencies.clock.now)
        guard let times = range.times(startingAt: item.tracking.createdAt) else { throw range.tooManyPoints }
        let visible = item.tracking.visibleRange
        var timeline = CountTimeline(times: times)
        if visible.lowerBound <= range.to {
            let lookup = SnapshotLookup(videoID: item.video.id, range: visible.lowerBound...min(visible.upperBound, range.to))
            timeline.add(try await repository.snapshotRuns([lookup])[0], since: item.tracking.createdAt)
        }
        var previous: Int64?
        var points: [HistoryPointDTO] = []
        for (at, totals) in zip(timeline.times, timeline.totals) {
            let counts = totals.withSnapshot > 0 ? totals.counts : Counts()
            let gained = points.isEmpty ? nil : counts.views.flatMap { views in previous.map { views - $0 } }
            points.append(HistoryPointDTO(
                at: at, views: counts.views, likes: counts.likes, comments: counts.comments, shares: counts.shares, saves: counts.saves,
                views_gained: gained))
            previous = counts.views
        }
        return try Envelope.success(points, meta: [
            "video_id": .string(UUIDText.lowercase(item.tracking.id)), "interval": .string(range.interval), "count": .int(points.count),
        ], context: context)
    }
}
