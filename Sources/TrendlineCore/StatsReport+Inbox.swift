import Foundation
import TrendlineDomain
import TrendlineStore

extension StatsReport {
    public static let inboxHeader = ["id", "platform", "creator", "published_at", "found_at", "campaign", "title", "url"]

    /// What `trendline inbox` prints: the videos waiting for review, newest first, with the
    /// creator whose discovery found them and what its listing said of them.
    public func inbox(accountID: UUID, at now: Date) async throws -> [String] {
        let names = Dictionary(uniqueKeysWithValues: try await repository.creators(accountID: accountID).map { ($0.id, $0.handle.username) })
        let waiting = try await repository.allTrackedVideos(accountID: accountID, filter: TrackingFilter(reviewStatus: .pendingReview), at: now)
        let rows = waiting.map { item in
            [
                UUIDText.lowercase(item.tracking.id), item.video.platform.rawValue, item.tracking.creatorID.flatMap { names[$0] } ?? "-",
                item.video.publishedAt.map(TimestampText.string) ?? "-", TimestampText.string(item.tracking.createdAt),
                item.tracking.campaign.map(Self.oneLine) ?? "-", item.video.title.map(Self.oneLine) ?? "-", item.video.canonicalURL,
            ]
        }
        return ([Self.inboxHeader] + rows).map { $0.joined(separator: "\t") }
    }
}
