import Foundation

extension TrendlineRepository {
    /// Every listed tracking of the account that `filter` keeps, newest first, read a page of
    /// 500 at a time: for reports that need the whole set (a campaign, `trendline stats`).
    public func allTrackedVideos(accountID: UUID, filter: TrackingFilter, at now: Date) async throws -> [TrackedVideo] {
        var items: [TrackedVideo] = []
        var page = PageRequest(limit: 500)
        while true {
            let result = try await listTrackedVideos(accountID: accountID, filter: filter, page: page, at: now)
            items.append(contentsOf: result.items)
            guard let next = result.next else { return items }
            page = PageRequest(limit: 500, after: next)
        }
    }
}
