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
        group.get("campaigns/:name/export", use: export)
        group.patch("campaigns/:name", use: rename)
        group.delete("campaigns/:name", use: remove)
        group.post("campaigns/:name/videos", use: addVideos)
    }

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

    /// The reporter over the videos the query's `published_from`/`published_to` leave (a 400
    /// naming a bad one).
    func reporter(_ request: Request) throws -> CampaignReporter {
        CampaignReporter(repository: repository, published: try QueryValues.bounds(request, "published"))
    }

    @Sendable func get(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let name = try Self.name(context)
        let now = dependencies.clock.now
        guard let report = try await reporter(request).report(campaign: name, accountID: account.id, at: now) else {
            throw Self.notFound(name)
        }
        return try Envelope.success(CampaignReportDTO(report, now: now), context: context)
    }

    /// The summed counts at each hour or day (`interval`) from `from` (default: when the first
    /// video joined) to `to` (default: now), the last point at `to` itself, each with the views
    /// gained since the point before.
    @Sendable func history(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let (history, range, _) = try await campaignHistory(request, context)
        let gains = history.viewsGained
        let points = zip(history.timeline.times, history.timeline.totals).enumerated().map { index, point in
            CampaignPointDTO(at: point.0, totals: point.1, viewsGained: gains[index])
        }
        return try Envelope.success(
            points, meta: ["campaign": .string(history.name), "interval": .string(range.interval), "count": .int(points.count)], context: context)
    }

    /// The campaign's history on the grid the query asks for, and the reporter that read it (a
    /// 400 naming what is wrong, a 404 for a name nothing carries).
    func campaignHistory(_ request: Request, _ context: TrendlineRequestContext) async throws -> (CampaignHistory, HistoryRange, CampaignReporter) {
        let account = try context.requireAccount()
        let name = try Self.name(context)
        let now = dependencies.clock.now
        let range = try HistoryRange(request, now: now)
        let reporter = try reporter(request)
        let history: CampaignHistory?
        do {
            history = try await reporter.history(
                campaign: name, accountID: account.id, times: range.times(startingAt:), at: now)
        } catch is CampaignHistory.TooManyPoints {
            throw range.tooManyPoints
        }
        guard let history else { throw Self.notFound(name) }
        return (history, range, reporter)
    }

    /// Every video of the campaign with its newest visible counts, as CSV for a spreadsheet; with
    /// `interval=hour|day`, the campaign's history on that grid instead, with the views gained
    /// since the point before (the summed views per day of a campaign report).
    @Sendable func export(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        if request.uri.queryParameters["interval"] != nil {
            let (history, range, reporter) = try await campaignHistory(request, context)
            var text = CSVText.line(StatsReport.campaignHistoryHeader.map(CSVText.Field.text))
            let gains = history.viewsGained
            for (index, (at, totals)) in zip(history.timeline.times, history.timeline.totals).enumerated() {
                text += CSVText.line([
                    .text(TimestampText.string(at)), .number(Int64(totals.videos)), .number(Int64(totals.withSnapshot)),
                ] + CSVText.counts(totals.counts) + [
                    .text(totals.engagementRate.map { String(format: "%.6f", $0) }), .number(gains[index]),
                ])
            }
            let posted = reporter.published.fileNamePart("posted")
            return CSVText.download(text, fileName: CSVText.fileName(["campaign", CSVText.fileNamePart(history.name), posted, range.interval]))
        }
        let account = try context.requireAccount()
        let name = try Self.name(context)
        let now = dependencies.clock.now
        let reporter = try reporter(request)
        guard let entries = try await reporter.videos(campaign: name, accountID: account.id, at: now) else { throw Self.notFound(name) }
        let posted = reporter.published.fileNamePart("posted")
        return CSVText.download(VideoListCSV.text(entries, at: now), fileName: CSVText.fileName(["campaign", CSVText.fileNamePart(name), posted]))
    }

    // MARK: Changing a campaign

    /// `{"name": new}`; `new_name` is the same (the agent tool's name for it, since its `name`
    /// is the path's).
    struct RenameBody: Decodable {
        let name: String?
        let field: String
        enum CodingKeys: String, CodingKey { case name, new_name }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let plain: String? = try container.field(.name, "a string: the campaign's new name")
            let alias: String? = try container.field(.new_name, "a string: the campaign's new name")
            if plain != nil && alias != nil { throw APIError.validation("send name or new_name, not both", field: "new_name") }
            name = plain ?? alias
            field = alias != nil ? "new_name" : "name"
        }
    }

    /// Renames the campaign on all its videos and followed creators; a name already in use
    /// merges the two.
    @Sendable func rename(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let name = try Self.name(context)
        let body = try await RequestBody.decode(RenameBody.self, from: request, limit: dependencies.configuration.bodyLimit)
        guard let text = body.name else { throw APIError.validation("missing required field: name (the new name)", field: "name") }
        let newName = try VideoRoutes.campaign(text, field: body.field)
        let changed = try await repository.renameCampaign(name, to: newName, accountID: account.id, at: dependencies.clock.now)
        guard changed.trackings + changed.creators > 0 else { throw Self.notFound(name) }
        let summary = try await repository.campaigns(accountID: account.id).first { $0.name == newName }
        return try Envelope.success(
            CampaignChangeDTO(name: newName, previous_name: name, videos: summary?.videos ?? 0, videos_changed: changed.trackings, creators_changed: changed.creators),
            context: context)
    }

    /// Takes the name off every video and followed creator that carries it; the videos stay tracked.
    @Sendable func remove(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let name = try Self.name(context)
        let changed = try await repository.renameCampaign(name, to: nil, accountID: account.id, at: dependencies.clock.now)
        guard changed.trackings + changed.creators > 0 else { throw Self.notFound(name) }
        return try Envelope.success(
            CampaignChangeDTO(name: nil, previous_name: name, videos: 0, videos_changed: changed.trackings, creators_changed: changed.creators),
            context: context)
    }

    /// Moves up to 100 tracked videos (by id) into the campaign, which need not exist yet; one
    /// result per id, in order.
    @Sendable func addVideos(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let name = try Self.name(context)
        let ids = try await RequestBody.decode(InboxRoutes.ReviewBody.self, from: request, limit: dependencies.configuration.bodyLimit).checkedIDs()
        var results: [CampaignMoveDTO] = []
        for text in ids {
            guard let id = UUIDText.parse(text.trimmingCharacters(in: .whitespaces)),
                  let current = try await repository.trackedVideo(id: id, accountID: account.id), current.tracking.reviewStatus != .excluded,
                  try await repository.updateTracking(id: id, accountID: account.id, change: TrackingChange(campaign: .some(name)), at: dependencies.clock.now) != nil
            else {
                results.append(CampaignMoveDTO(id: text, status: "error", previous_campaign: nil, error: .init(code: "NOT_FOUND", message: "no video with id '\(text.prefix(100))'")))
                continue
            }
            results.append(CampaignMoveDTO(id: text, status: "added", previous_campaign: current.tracking.campaign, error: nil))
        }
        let added = results.filter { $0.status == "added" }.count
        return try Envelope.success(results, meta: [
            "campaign": .string(name),
            "summary": .object(["total": .int(results.count), "added": .int(added), "errors": .int(results.count - added)]),
        ], context: context)
    }
}
