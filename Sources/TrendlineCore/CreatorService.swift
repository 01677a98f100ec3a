import Foundation
import TrendlineDomain
import TrendlineStore

/// Following creators for an account, within its plan: the creator limit, and a discovery
/// interval never shorter than the plan's discovery floor.
public struct CreatorService: Sendable {
    let repository: any TrendlineRepository
    let clock: WallClock

    /// How often discovery runs when the request does not say (the floor wins if longer).
    public static let defaultInterval: TimeInterval = 6 * 3600
    /// The longest discovery interval accepted (30 days).
    public static let maximumInterval: TimeInterval = 30 * 86_400

    public init(repository: any TrendlineRepository, clock: WallClock = .system) {
        self.repository = repository
        self.clock = clock
    }

    /// What is wrong with a requested interval under `plan`, or `nil`.
    public static func intervalProblem(_ interval: TimeInterval, plan: Plan) -> String? {
        if interval < plan.discoveryFloor {
            return "the \(plan.name) plan checks creators at most every \(Self.hours(plan.discoveryFloor)) hours; discovery_interval_hours must be at least that"
        }
        if interval > maximumInterval { return "discovery_interval_hours must be at most \(Self.hours(maximumInterval))" }
        return nil
    }

    /// Why a requested interval cannot be used.
    public enum IntervalRefusal: Error, Sendable, Equatable {
        /// Zero, negative or not a number.
        case notPositive
        /// Outside what `plan` allows; `belowFloor` when shorter than its discovery floor.
        case outOfRange(String, belowFloor: Bool)
    }

    /// A requested interval in hours, as whole seconds, checked against `plan`: the API and the
    /// CLI read it the same way, each naming its own field.
    public static func interval(hours: Double, plan: Plan) -> Result<TimeInterval, IntervalRefusal> {
        guard hours.isFinite, hours > 0 else { return .failure(.notPositive) }
        let seconds = (hours * 3600).rounded()
        if let problem = intervalProblem(seconds, plan: plan) { return .failure(.outOfRange(problem, belowFloor: seconds < plan.discoveryFloor)) }
        return .success(seconds)
    }

    static func hours(_ seconds: TimeInterval) -> String {
        let value = seconds / 3600
        return value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    /// Follows `handle`; the first discovery check is due at once. The interval must already
    /// be valid for the plan (see ``interval(hours:plan:)``).
    public func follow(
        _ handle: CreatorHandle, accountID: UUID, mode: DiscoveryMode, interval: TimeInterval?, notes: String?, plan: Plan,
        trackingDuration: TrackingDuration = .default, trackingCadence: Cadence = .default, campaign: String? = nil
    ) async throws -> CreatorOutcome {
        let now = clock.now
        let creator = Creator(
            id: UUIDText.random(), accountID: accountID, handle: handle, mode: mode,
            discoveryInterval: interval ?? max(Self.defaultInterval, plan.discoveryFloor), notes: notes,
            nextCheckAt: now, createdAt: now, updatedAt: now, trackingDuration: trackingDuration, trackingCadence: trackingCadence,
            campaign: campaign)
        return try await repository.createCreator(creator, maxCreators: plan.maxTrackedCreators)
    }
}
