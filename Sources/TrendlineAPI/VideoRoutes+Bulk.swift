import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// `PATCH /v1/videos`: one edit (notes, milestones, campaign, window length, cadence) for up to
/// 100 videos named by id or URL, one result per name in order. A campaign's forty videos are
/// lengthened in one request instead of forty, which a plan's per-minute request limit would
/// otherwise spread over a minute or more.
extension VideoRoutes {
    struct BulkResultDTO: Encodable {
        let id: String
        /// `updated` or `error`.
        let status: String
        @Nullable var video: VideoDTO?
        @Nullable var error: InboxRoutes.ResultDTO.ErrorBody?
    }

    @Sendable func patchMany(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let body = try await RequestBody.decode(PatchVideosBody.self, from: request, limit: dependencies.configuration.bodyLimit)
        let edit = try videoEdit(body.edit)
        let results = try await VideoChanges(repository: repository, clock: dependencies.clock)
            .apply(.edit(edit), to: body.ids, accountID: account.id, plan: dependencies.plan(for: account))
        let now = dependencies.clock.now
        let shown = try await repository.visibleLatestAndDayBefore(results.compactMap { $0.done == nil ? nil : $0.item })
        var videos = shown.makeIterator()
        let answers = results.map { result in
            guard result.done != nil, let entry = videos.next() else {
                return BulkResultDTO(
                    id: result.reference, status: "error", video: nil,
                    error: result.error.map { .init(code: $0.code, message: $0.message) })
            }
            return BulkResultDTO(
                id: result.reference, status: "updated", video: VideoDTO(entry.item, latest: entry.latest, dayBefore: entry.dayBefore, now: now), error: nil)
        }
        let updated = answers.filter { $0.status == "updated" }.count
        return try Envelope.success(answers, meta: [
            "summary": .object(["total": .int(answers.count), "updated": .int(updated), "errors": .int(answers.count - updated)]),
        ], context: context)
    }
}
