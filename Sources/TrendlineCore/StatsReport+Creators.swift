import Foundation
import TrendlineDomain
import TrendlineStore

extension StatsReport {
    public static let creatorHeader = [
        "id", "platform", "username", "mode", "followers", "videos_discovered", "last_checked_at", "next_check_at", "provider", "last_error",
    ]

    /// What `trendline creators` prints: the account's followed creators, newest first, with
    /// their last known followers and where the last check's profile came from.
    public func creators(accountID: UUID) async throws -> [String] {
        let rows = try await repository.creators(accountID: accountID).map { creator in
            [
                UUIDText.lowercase(creator.id), creator.handle.platform.rawValue, creator.handle.username, creator.mode.rawValue,
                creator.profile?.followers.map(String.init) ?? "-", String(creator.videosDiscovered),
                creator.lastCheckedAt.map(TimestampText.string) ?? "-", TimestampText.string(creator.nextCheckAt),
                creator.sources?.profile ?? "-", creator.lastError.map(Self.oneLine) ?? "-",
            ]
        }
        return ([Self.creatorHeader] + rows).map { $0.joined(separator: "\t") }
    }
}
