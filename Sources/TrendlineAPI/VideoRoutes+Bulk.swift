import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// One change for up to 100 videos named by id or URL, one result per name in order:
/// `PATCH /v1/videos` (an edit: notes, milestones, campaign, window length, cadence),
/// `POST /v1/videos/stop|pause|resume` and `POST /v1/videos/delete` (`{"ids": [...]}`). Ending
/// a campaign's forty videos, lengthening them, or clearing out a list tracked by mistake takes
/// one request instead of forty, which a plan's per-minute request limit would otherwise spread
/// over a minute or more.
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

    /// `POST /v1/videos/stop|pause|resume|delete` with `{"ids": [...]}`: `change` to each
    /// named video; a deleted one goes with its history for this account, as
    /// `DELETE /v1/videos/{id}` takes one, and its result has no `video`.
    func applyToMany(_ change: VideoChanges.Change, _ request: Request, _ context: TrendlineRequestContext) async throws -> Response {
        let ids = try await RequestBody.decode(InboxRoutes.ReviewBody.self, from: request, limit: dependencies.configuration.bodyLimit).checkedIDs()
        return try await applyToMany(change, ids: ids, context: context)
    }

    /// Applies `change` to each named video (``VideoChanges``) and answers the results, each
    /// changed video as `GET /v1/videos/{id}` shows it (none for a delete).
    func applyToMany(_ change: VideoChanges.Change, ids: [String], context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let results = try await VideoChanges(repository: repository, clock: dependencies.clock)
            .apply(change, to: ids, accountID: account.id, plan: dependencies.plan(for: account))
        let now = dependencies.clock.now
        let deleting = if case .delete = change { true } else { false }
        var shown = try await repository.visibleLatestAndDayBefore(deleting ? [] : results.compactMap { $0.done == nil ? nil : $0.item }).makeIterator()
        let answers = results.map { result in
            guard let done = result.done else {
                return BulkResultDTO(
                    id: result.reference, status: "error", video: nil,
                    error: result.error.map { .init(code: $0.code, message: $0.message) })
            }
            guard let entry = shown.next() else { return BulkResultDTO(id: result.reference, status: done, video: nil, error: nil) }
            return BulkResultDTO(
                id: result.reference, status: done, video: VideoDTO(entry.item, latest: entry.latest, dayBefore: entry.dayBefore, now: now), error: nil)
        }
        let done = answers.filter { $0.status != "error" }.count
        return try Envelope.success(answers, meta: [
            "summary": .object(["total": .int(answers.count), change.doneWord: .int(done), "errors": .int(answers.count - done)]),
        ], context: context)
    }
}
