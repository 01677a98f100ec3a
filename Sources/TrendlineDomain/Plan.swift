import Foundation

/// What an account may do: the limits an operator sells or grants, defined in config and
/// assigned per account. The built-in ``unlimited`` plan is what a single self-hosting user gets.
public struct Plan: Sendable, Hashable {
    public var name: String
    /// Trackings monitoring or paused at once; `nil` is no limit.
    public var maxTrackedVideos: Int?
    /// Creators followed at once; `nil` is no limit.
    public var maxTrackedCreators: Int?
    /// The shortest time between two snapshots taken for this account's trackings, in seconds
    /// (0: the cadence decides alone).
    public var minimumSnapshotInterval: TimeInterval
    /// Manual refreshes per video per 24 hours.
    public var manualRefreshesPerDay: Int
    /// The shortest time between two checks of a creator for new videos, in seconds.
    public var discoveryFloor: TimeInterval
    /// Requests per minute per API key (0: no limit).
    public var requestsPerMinute: Int
    /// URLs tracked per minute per API key (0: no limit).
    public var urlsPerMinute: Int
    /// The price of one snapshot; zero turns credits off for the plan.
    public var snapshotPrice: Money

    public init(
        name: String, maxTrackedVideos: Int? = nil, maxTrackedCreators: Int? = nil, minimumSnapshotInterval: TimeInterval = 0,
        manualRefreshesPerDay: Int = 10, discoveryFloor: TimeInterval = 3600, requestsPerMinute: Int = 60, urlsPerMinute: Int = 1000,
        snapshotPrice: Money = .zero
    ) {
        self.name = name
        self.maxTrackedVideos = maxTrackedVideos
        self.maxTrackedCreators = maxTrackedCreators
        self.minimumSnapshotInterval = minimumSnapshotInterval
        self.manualRefreshesPerDay = manualRefreshesPerDay
        self.discoveryFloor = discoveryFloor
        self.requestsPerMinute = requestsPerMinute
        self.urlsPerMinute = urlsPerMinute
        self.snapshotPrice = snapshotPrice
    }

    /// No limits on videos or creators and no credits: the default for self-hosting.
    public static let unlimited = Plan(name: "unlimited")

    /// Whether trackings on this plan are paid for with credits.
    public var usesCredits: Bool { snapshotPrice > .zero }

    /// Whether a tracking may ask for `cadence`: a fixed cadence checking more often than the
    /// plan's minimum interval is refused (adaptive is slowed down to the minimum instead).
    public func allows(_ cadence: Cadence) -> Bool {
        cadence.isAllowed(minimumInterval: minimumSnapshotInterval)
    }

    /// The most a tracking with this window and cadence can cost.
    public func estimatedCost(of cadence: Cadence, for duration: TrackingDuration) -> Money {
        snapshotPrice * cadence.estimatedSnapshots(over: duration, minimumInterval: minimumSnapshotInterval)
    }
}

/// The plans an operator defined, and which one accounts without an assigned plan get.
public struct PlanCatalog: Sendable, Hashable {
    public var plans: [String: Plan]
    public var defaultPlanName: String

    /// Only the ``Plan/unlimited`` plan.
    public init() {
        self.plans = [Plan.unlimited.name: .unlimited]
        self.defaultPlanName = Plan.unlimited.name
    }

    /// `defaultPlanName` must name one of `plans`.
    public init(plans: [Plan], defaultPlanName: String) throws(PlanCatalogError) {
        var byName: [String: Plan] = [:]
        for plan in plans { byName[plan.name] = plan }
        guard byName[defaultPlanName] != nil else { throw PlanCatalogError.unknownDefault(defaultPlanName, known: byName.keys.sorted()) }
        self.plans = byName
        self.defaultPlanName = defaultPlanName
    }

    public var defaultPlan: Plan { plans[defaultPlanName]! }

    /// The account's assigned plan, or the default when none is assigned or the assigned plan is
    /// no longer in the config.
    public func plan(named assigned: String?) -> Plan {
        assigned.flatMap { plans[$0] } ?? defaultPlan
    }
}

/// A plan catalogue that cannot be used.
public enum PlanCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownDefault(String, known: [String])

    public var description: String {
        switch self {
        case .unknownDefault(let name, let known):
            return "default plan '\(name)' is not defined (defined: \(known.joined(separator: ", ")))"
        }
    }
}
