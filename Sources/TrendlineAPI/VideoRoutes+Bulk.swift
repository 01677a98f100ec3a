import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// One change for up to 100 videos named by id or URL, one result per name in order:
/// `PATCH /v1/videos` (an edit: notes, milestones, campaign, window length, cadence) and
/// `POST /v1/videos/stop|pause|resume` (`{"ids": [...]}`). Ending a campaign's forty videos, or
/// lengthening them, takes one request instead of forty, which a plan's per-minute request
/// limit would otherwise spread over a minute or more.
extension VideoRoutes {
    struct BulkResultDTO: Encodable {
        let id: String
        /// The done word (`updated`, `stopped`, `paused`, `resumed`) or `error`.
        let status: String
        @Nullable var video: VideoDTO?
        @Nullable var error: InboxRoutes.ResultDTO.ErrorBody?
    }

    @Sendable func patchMany(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let body = try await RequestBody.decode(PatchVideosBody.self, from: request, limit: dependencies.configuration.bodyLimit)
        return try await applyToMany(.edit(try videoEdit(body.edit)), ids: body.ids, context: context)
    }

    func applyToMany(_ action: TrackingAction, _ request: Request, _ context: TrendlineRequestContext) async throws -> Response {
        let ids = try await RequestBody.decode(InboxRoutes.ReviewBody.self, from: request, limit: dependencies.configuration.bodyLimit).checkedIDs()
        return try await applyToMany(.status(action), ids: ids, context: context)
    }

    /// Applies `change` to each named video (``VideoChanges``) and answers the results, each
    /// changed video as `GET /v1/videos/{id}` shows it.
    func applyToMany(_ change: VideoChanges.Change, ids: [String], context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let results = try await VideoChanges(repository: repository, clock: dependencies.clock)
            .apply(change, to: ids, accountID: account.id, plan: dependencies.plan(for: account))
        let now = dependencies.clock.now
        var shown = try await repository.visibleLatestAndDayBefore(results.compactMap { $0.done == nil ? nil : $0.item }).makeIterator()
        let answers = results.map { result in
            guard let done = result.done, let entry = shown.next() else {
                return BulkResultDTO(
                    id: result.reference, status: "error", video: nil,
                    error: result.error.map { .init(code: $0.code, message: $0.message) })
            }
            return BulkResultDTO(
                id: result.reference, status: done, video: VideoDTO(entry.item, latest: entry.latest, dayBefore: entry.dayBefore, now: now), error: nil)
        }
        let done = answers.filter { $0.status != "error" }.count
        return try Envelope.success(answers, meta: [
            "summary": .object(["total": .int(answers.count), change.doneWord: .int(done), "errors": .int(answers.count - done)]),
        ], context: context)
    }
}
