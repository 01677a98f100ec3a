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

    public static let campaignHistoryHeader = [
        "at", "videos", "videos_with_snapshots", "views", "likes", "comments", "shares", "saves", "engagement_rate", "views_gained",
    ]

    /// What `trendline campaigns NAME --interval hour|day` prints: the campaign's summed counts
    /// at each whole UTC hour or day (`step` seconds) from its first video's start (or
    /// `bounds.from`) to `now` (or `bounds.to`), the last point at the end itself, with the views
    /// gained since the point before, as `GET /v1/campaigns/{name}/history` answers.
    public func campaignHistory(
        _ name: String, accountID: UUID, step: TimeInterval, in bounds: DateBounds = DateBounds(), published: DateBounds = DateBounds(), at now: Date
    ) async throws -> [String] {
        let history: CampaignHistory?
        do {
            history = try await CampaignReporter(repository: repository, published: published).history(
                campaign: name, accountID: accountID,
                times: { first in CountTimeline.times(from: bounds.from, startingAt: first, to: bounds.to ?? now, step: step, limit: Self.maximumGridPoints) },
                at: now)
        } catch is CampaignHistory.TooManyPoints {
            throw StatsReportError.tooManyPoints(Self.maximumGridPoints)
        }
        guard let history else { throw StatsReportError.noCampaign(name) }
        let rows = zip(zip(history.timeline.times, history.timeline.totals), history.viewsGained).map { point, gained in
            [TimestampText.string(point.0), String(point.1.videos), String(point.1.withSnapshot)] + Self.counts(point.1.counts)
                + [Self.rate(point.1.engagementRate), gained.map(String.init) ?? "-"]
        }
        return ([Self.campaignHistoryHeader] + rows).map { $0.joined(separator: "\t") }
    }

    static func totals(_ totals: CountTotals) -> [String] {
        [String(totals.videos), String(totals.withSnapshot)] + counts(totals.counts) + [rate(totals.engagementRate), totals.viewsGained24h.map(String.init) ?? "-"]
    }
}
