import Foundation
import Hummingbird
import TrendlineDomain
import TrendlineStore

/// `GET /v1/usage`: the account's plan and its limits, what it uses of them, its credit
/// balance and its latest ledger rows.
struct UsageRoutes {
    let dependencies: APIDependencies
    /// Ledger rows shown.
    static let ledgerRows = 20

    func add(to group: RouterGroup<TrendlineRequestContext>) {
        group.get("usage", use: usage)
    }

    struct PlanDTO: Encodable {
        let name: String
        @Nullable var max_tracked_videos: Int?
        @Nullable var max_tracked_creators: Int?
        let min_snapshot_interval_seconds: Int
        let manual_refreshes_per_day: Int
        let discovery_floor_seconds: Int
        let requests_per_minute: Int
        let urls_per_minute: Int
        let credits: Bool
        let price_per_snapshot: Double
    }

    struct RequestsDTO: Encodable {
        let limit: Int
        let used: Int
        let remaining: Int
        let reset_seconds: Int
    }

    struct UsageDTO: Encodable {
        let tracked_videos: Int
        /// Beside the plan's `max_tracked_creators`.
        let followed_creators: Int
        @Nullable var requests: RequestsDTO?
        let snapshots_this_month: Int
        let month_start: Date
    }

    struct LedgerDTO: Encodable {
        let id: Int64
        let at: Date
        let kind: String
        let amount: Double
        let balance_after: Double
        @Nullable var video_id: String?
        @Nullable var note: String?
    }

    struct Body: Encodable {
        let account: String
        let plan: PlanDTO
        let usage: UsageDTO
        let balance_usd: Double
        let held_usd: Double
        let available_usd: Double
        let ledger: [LedgerDTO]
    }

    @Sendable func usage(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let plan = dependencies.plan(for: account)
        let now = dependencies.clock.now
        let monthStart = Self.monthStart(of: now)
        let repository = dependencies.repository
        let usage = try await repository.usage(accountID: account.id, periodStart: monthStart, at: now)
        let ledger = try await repository.ledger(accountID: account.id, limit: Self.ledgerRows)
        let followed = try await repository.creators(accountID: account.id).count
        let requests = context.requestBudget.map { budget in
            RequestsDTO(
                limit: budget.limit, used: budget.limit - budget.bucket.remaining, remaining: budget.bucket.remaining,
                reset_seconds: Int(budget.bucket.secondsUntilFull.rounded(.up)))
        }
        let body = Body(
            account: account.name,
            plan: PlanDTO(
                name: plan.name, max_tracked_videos: plan.maxTrackedVideos, max_tracked_creators: plan.maxTrackedCreators,
                min_snapshot_interval_seconds: Int(plan.minimumSnapshotInterval), manual_refreshes_per_day: plan.manualRefreshesPerDay,
                discovery_floor_seconds: Int(plan.discoveryFloor), requests_per_minute: plan.requestsPerMinute,
                urls_per_minute: plan.urlsPerMinute, credits: plan.usesCredits, price_per_snapshot: plan.snapshotPrice.dollars),
            usage: UsageDTO(
                tracked_videos: usage.activeTrackings, followed_creators: followed, requests: requests, snapshots_this_month: usage.snapshotsThisPeriod,
                month_start: monthStart),
            balance_usd: usage.balance.dollars, held_usd: usage.held.dollars, available_usd: usage.available.dollars,
            ledger: ledger.map {
                LedgerDTO(
                    id: $0.id, at: $0.at, kind: $0.kind.rawValue, amount: $0.amount.dollars, balance_after: $0.balanceAfter.dollars,
                    video_id: $0.trackingID.map(UUIDText.lowercase), note: $0.note)
            })
        return try Envelope.success(body, context: context)
    }

    /// The first instant of the UTC calendar month holding `date`.
    static func monthStart(of date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: calendar.dateComponents([.year, .month], from: date))!
    }
}
