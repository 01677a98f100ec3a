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
