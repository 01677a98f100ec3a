import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// `GET /v1/videos/{id}/history?interval=hour|day&from&to`: ``VideoHistory`` at each whole UTC
/// hour or day.
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
        let (range, grid) = try await historyPoints(of: item, request)
        let points = grid.map { point in
            HistoryPointDTO(
                at: point.at, views: point.counts.views, likes: point.counts.likes, comments: point.counts.comments, shares: point.counts.shares,
                saves: point.counts.saves, views_gained: point.viewsGained)
        }
        return try Envelope.success(points, meta: [
            "video_id": .string(UUIDText.lowercase(item.tracking.id)), "interval": .string(range.interval), "count": .int(points.count),
        ], context: context)
    }

    /// `item`'s points on the grid the query asks for (a 400 naming what is wrong): what
    /// `/history` answers and `/export?interval=` writes as CSV.
    func historyPoints(of item: TrackedVideo, _ request: Request) async throws -> (range: HistoryRange, points: [VideoHistory.Point]) {
        let range = try HistoryRange(request, now: dependencies.clock.now)
        guard let times = range.times(startingAt: item.tracking.createdAt) else { throw range.tooManyPoints }
        return (range, try await VideoHistory.points(of: item, at: times, repository: repository))
    }
}
