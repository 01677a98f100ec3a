import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// `/v1/campaigns...`: the account's campaigns and each one's aggregate analytics. A campaign
/// is the name its videos carry (set with `campaign` when tracking, moved by PATCH); its videos
/// are listed by `GET /v1/videos?campaign=`.
struct CampaignRoutes {
    let dependencies: APIDependencies
    var repository: any TrendlineRepository { dependencies.repository }

    func add(to group: RouterGroup<TrendlineRequestContext>) {
        group.get("campaigns", use: list)
        group.get("campaigns/:name", use: get)
        group.get("campaigns/:name/history", use: history)
    }

    /// The most points one history answer carries.
    static let maximumPoints = 1_000

    /// The campaign name in the path: percent-decoded (`Spring%20launch`) and checked.
    static func name(_ context: TrendlineRequestContext) throws -> String {
        let raw = context.parameters.get("name") ?? ""
        return try VideoRoutes.campaign(raw.removingPercentEncoding ?? raw)
    }

    static func notFound(_ name: String) -> APIError {
        .notFound("no campaign named '\(name)': no video of this account carries it")
    }

    @Sendable func list(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let campaigns = try await repository.campaigns(accountID: account.id)
        return try Envelope.success(campaigns.map(CampaignSummaryDTO.init), meta: ["count": .int(campaigns.count)], context: context)
    }

    @Sendable func get(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let name = try Self.name(context)
        let now = dependencies.clock.now
        guard let report = try await CampaignReporter(repository: repository).report(campaign: name, accountID: account.id, at: now) else {
            throw Self.notFound(name)
        }
        return try Envelope.success(CampaignReportDTO(report, now: now), context: context)
    }

    /// The summed counts at each hour or day (`interval`) from `from` (default: when the first
    /// video joined) to `to` (default: now), the last point at `to` itself.
    @Sendable func history(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let name = try Self.name(context)
        let query = request.uri.queryParameters
        let interval = query["interval"].map(String.init) ?? "day"
        guard let step = ["hour": 3_600.0, "day": 86_400.0][interval.lowercased()] else {
            throw APIError.validation("unknown interval '\(interval)': use hour or day", field: "interval")
        }
        let now = dependencies.clock.now
        let from = try QueryValues.date(query["from"].map(String.init), field: "from")
        let to = try QueryValues.date(query["to"].map(String.init), field: "to") ?? now
        if let from, from > to { throw APIError.validation("from must not be after to", field: "from") }
        let history: CampaignHistory?
        do {
            history = try await CampaignReporter(repository: repository).history(
                campaign: name, accountID: account.id,
                times: { first in CountTimeline.times(from: from ?? min(first, to), to: to, step: step, limit: Self.maximumPoints) }, at: now)
        } catch is CampaignHistory.TooManyPoints {
            throw APIError.validation(
                "the range holds more than \(Self.maximumPoints) \(interval.lowercased())s: narrow from/to or use a longer interval", field: "from")
        }
        guard let history else { throw Self.notFound(name) }
        let points = zip(history.timeline.times, history.timeline.totals).map { CampaignPointDTO(at: $0, totals: $1) }
        return try Envelope.success(
            points, meta: ["campaign": .string(history.name), "interval": .string(interval.lowercased()), "count": .int(points.count)], context: context)
    }
}

/// One campaign in `GET /v1/campaigns`.
struct CampaignSummaryDTO: Encodable {
    let name: String
    /// Its videos, those waiting in the inbox included.
    let videos: Int
    let last_added_at: Date

    init(_ summary: CampaignSummary) {
        name = summary.name
        videos = summary.videos
        last_added_at = summary.lastAddedAt
    }
}

/// Summed newest counts; a counter no video reported is `null`.
struct CountTotalsDTO: Encodable {
    let videos: Int
    let videos_with_snapshots: Int
    @Nullable var views: Int64?
    @Nullable var likes: Int64?
    @Nullable var comments: Int64?
    @Nullable var shares: Int64?
    @Nullable var saves: Int64?
    /// (likes + comments + shares + saves) / views.
    @Nullable var engagement_rate: Double?

    init(_ totals: CountTotals) {
        videos = totals.videos
        videos_with_snapshots = totals.withSnapshot
        views = totals.counts.views
        likes = totals.counts.likes
        comments = totals.counts.comments
        shares = totals.counts.shares
        saves = totals.counts.saves
        engagement_rate = totals.engagementRate
    }
}

/// One point of `GET /v1/campaigns/{name}/history`: the time and the totals then, side by side.
struct CampaignPointDTO: Encodable {
    let at: Date
    let totals: CountTotalsDTO

    init(at: Date, totals: CountTotals) {
        self.at = at
        self.totals = CountTotalsDTO(totals)
    }

    func encode(to encoder: any Encoder) throws {
        try totals.encode(to: encoder)
        enum Keys: String, CodingKey { case at }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(at, forKey: .at)
    }
}

/// `GET /v1/campaigns/{name}`.
struct CampaignReportDTO: Encodable {
    struct PlatformDTO: Encodable {
        let platform: String
        let totals: CountTotalsDTO
    }

    struct AuthorDTO: Encodable {
        let platform: String
        @Nullable var author: String?
        let totals: CountTotalsDTO
    }

    let name: String
    /// All its videos, those waiting in the inbox included.
    let videos: Int
    /// Videos waiting in the inbox: in the campaign, not in its figures.
    let pending_review: Int
    let totals: CountTotalsDTO
    let platforms: [PlatformDTO]
    /// Per author (who posted), most views first.
    let authors: [AuthorDTO]
    /// Counted videos per status (every status, zeros included).
    let statuses: [String: Int]
    let top_videos: [VideoDTO]
    let first_added_at: Date
    let last_added_at: Date
    @Nullable var last_snapshot_at: Date?

    init(_ report: CampaignReport, now: Date) {
        name = report.name
        videos = report.totals.videos + report.pendingReview
        pending_review = report.pendingReview
        totals = CountTotalsDTO(report.totals)
        platforms = report.platforms.map { PlatformDTO(platform: $0.platform.rawValue, totals: CountTotalsDTO($0.totals)) }
        authors = report.authors.map { AuthorDTO(platform: $0.platform.rawValue, author: $0.author, totals: CountTotalsDTO($0.totals)) }
        statuses = Dictionary(uniqueKeysWithValues: TrackingStatus.allCases.map { ($0.rawValue, report.statuses[$0] ?? 0) })
        top_videos = report.top.map { VideoDTO($0.item, latest: $0.latest, now: now) }
        first_added_at = report.firstAddedAt
        last_added_at = report.lastAddedAt
        last_snapshot_at = report.lastSnapshotAt
    }
}
