import Foundation
import TrendlineDomain
import TrendlineStore

extension StatsReport {
    public static let campaignHeader = ["campaign", "videos", "last_added_at"]
    public static let campaignTotalsHeader = [
        "group", "videos", "videos_with_snapshots", "views", "likes", "comments", "shares", "saves", "engagement_rate", "views_gained_24h",
    ]

    /// What `trendline campaigns` prints: the account's campaigns, newest first.
    public func campaigns(accountID: UUID) async throws -> [String] {
        let rows = try await repository.campaigns(accountID: accountID).map { [$0.name, String($0.videos), TimestampText.string($0.lastAddedAt)] }
        return ([Self.campaignHeader] + rows).map { $0.joined(separator: "\t") }
    }

    /// What `trendline campaigns NAME` prints: a line of totals for the campaign (`all`), one
    /// per platform and one per author (`platform/author`), as in `GET /v1/campaigns/{name}`,
    /// over its videos published in `published`.
    public func campaign(_ name: String, accountID: UUID, published: DateBounds = DateBounds(), at now: Date) async throws -> [String] {
        guard let report = try await CampaignReporter(repository: repository, published: published).report(campaign: name, accountID: accountID, at: now) else {
            throw StatsReportError.noCampaign(name)
        }
        var rows = [["all"] + Self.totals(report.totals)]
        rows += report.platforms.map { [$0.platform.rawValue] + Self.totals($0.totals) }
        rows += report.authors.map { ["\($0.platform.rawValue)/\($0.author ?? "-")"] + Self.totals($0.totals) }
        return ([Self.campaignTotalsHeader] + rows).map { $0.joined(separator: "\t") }
    }

    static func totals(_ totals: CountTotals) -> [String] {
        [String(totals.videos), String(totals.withSnapshot)] + counts(totals.counts) + [rate(totals.engagementRate), totals.viewsGained24h.map(String.init) ?? "-"]
    }
}
