import Foundation
import TrendlineDomain
import TrendlineStore

/// The newest visible counts of an account's videos that a filter selects, summed as a
/// campaign's totals are (those waiting in the inbox left out): how a followed creator's
/// discovered videos are doing, beside its follower history.
public enum VideoTotals {
    public static func of(
        _ filter: TrackingFilter, accountID: UUID, repository: any TrendlineRepository, at now: Date
    ) async throws -> CountTotals {
        let counted = try await repository.allTrackedVideos(accountID: accountID, filter: filter, at: now).filter(\.tracking.reviewStatus.counts)
        var totals = CountTotals()
        for entry in try await repository.visibleLatestAndDayBefore(counted) {
            totals.add(entry.latest?.counts, viewsGained24h: entry.latest?.viewsGained(since: entry.dayBefore))
        }
        return totals
    }
}
