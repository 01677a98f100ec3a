import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// The tracking inbox: videos discovery found for creators in `selective` mode
/// (`pending_review`), and bulk approve (`included`, snapshots start) or exclude (hidden
/// for good), with one result per id.
struct InboxRoutes {
    let dependencies: APIDependencies
    var repository: any TrendlineRepository { dependencies.repository }
    /// The most ids one review request may carry.
    static let maximumIDs = 100

    func add(to group: RouterGroup<TrendlineRequestContext>) {
        group.get("inbox", use: list)
        group.post("inbox/approve") { try await review(.include, $0, $1) }
        group.post("inbox/exclude") { try await review(.exclude, $0, $1) }
    }

    @Sendable func list(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let query = request.uri.queryParameters
        let page = try QueryValues.page(query["limit"].map(String.init), cursor: query["cursor"].map(String.init))
        let now = dependencies.clock.now
        let result = try await repository.listTrackedVideos(accountID: account.id, filter: TrackingFilter(reviewStatus: .pendingReview), page: page, at: now)
        return try Envelope.success(
            result.items.map { VideoDTO($0, latest: nil, dayBefore: nil, now: now) },
            meta: QueryValues.pageMeta(count: result.items.count, limit: page.limit, next: result.next), context: context)
    }

    struct ReviewBody: Decodable {
        let ids: [String]?
        enum CodingKeys: String, CodingKey { case ids }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            ids = try container.field(.ids, "an array of video ids")
        }

        /// The ids, present and 1 to ``InboxRoutes/maximumIDs`` of them, or a 400 naming `ids`.
        func checkedIDs() throws -> [String] {
            guard let ids else { throw APIError.validation("missing required field: ids", field: "ids") }
            guard (1...InboxRoutes.maximumIDs).contains(ids.count) else {
                throw APIError.validation("ids must hold 1 to \(InboxRoutes.maximumIDs) ids, got \(ids.count)", field: "ids")
            }
            return ids
        }
    }

    struct ResultDTO: Encodable {
        let id: String
        let status: String
        @Nullable var tracking_status: String?
        @Nullable var error: ErrorBody?

        struct ErrorBody: Encodable {
            let code: String
            let message: String
        }
    }

    func review(_ decision: ReviewDecision, _ request: Request, _ context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let ids = try await RequestBody.decode(ReviewBody.self, from: request, limit: dependencies.configuration.bodyLimit).checkedIDs()
        let reviewed = try await InboxReview(repository: repository, clock: dependencies.clock).review(ids, decision: decision, accountID: account.id)
        let done = InboxReview.doneWord(decision)
        let results = reviewed.map { result in
            ResultDTO(
                id: result.id, status: result.done ?? "error", tracking_status: result.trackingStatus?.rawValue,
                error: result.error.map { ResultDTO.ErrorBody(code: $0.code, message: $0.message) })
        }
        let succeeded = results.filter { $0.status == done }.count
        return try Envelope.success(results, meta: [
            "summary": .object(["total": .int(results.count), done: .int(succeeded), "errors": .int(results.count - succeeded)]),
        ], context: context)
    }
}
