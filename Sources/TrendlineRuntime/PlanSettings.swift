import Configuration
import Foundation
import TrendlineDomain

/// Reads the operator's plans from the config (flags, `TRENDLINE_*` variables, the JSON file).
///
/// `plans` lists the plan names (`TRENDLINE_PLANS=free,pro`, or `"plans": ["free", "pro"]`);
/// each plan's limits are read under `plan.<name>` (`TRENDLINE_PLAN_PRO_MAX_TRACKED_VIDEOS=1000`,
/// or `"plan": {"pro": {"max-tracked-videos": 1000}}`). A limit a plan does not set takes the
/// global value (`requests-per-minute`, `urls-per-minute`, `refreshes-per-day`,
/// `snapshot-price`) or no limit. `default-plan` names the plan of accounts with none
/// assigned (the first listed plan when absent). Without `plans`, every account has one
/// unlimited plan built from the global values.
enum PlanSettings {
    /// The keys a plan takes under `plan.<name>` (``plan(named:_:base:)`` reads each).
    static let keys = [
        "max-tracked-videos", "max-tracked-creators", "min-snapshot-interval", "refreshes-per-day", "discovery-floor",
        "requests-per-minute", "urls-per-minute", "snapshot-price",
    ]

    static func catalog(_ config: ConfigReader, base: Plan) throws -> PlanCatalog {
        let names = config.stringArray(forKey: ConfigKey(["plans"])) ?? []
        guard !names.isEmpty else {
            return try PlanCatalog(plans: [base], defaultPlanName: base.name)
        }
        var plans: [Plan] = []
        for name in names {
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), name == name.lowercased() else {
                throw SettingsError.invalid("plans", "'\(name)' is not a plan name (lowercase letters, digits, '-' and '_')")
            }
            plans.append(try plan(named: name, config.scoped(to: ConfigKey(["plan", name])), base: base))
        }
        let defaultName = config.string(forKey: ConfigKey(["default-plan"])) ?? names[0]
        do {
            return try PlanCatalog(plans: plans, defaultPlanName: defaultName)
        } catch {
            throw SettingsError.invalid("default-plan", error.description)
        }
    }

    static func plan(named name: String, _ config: ConfigReader, base: Plan) throws -> Plan {
        func limit(_ key: String) throws -> Int? {
            let value = try config.intSetting(forKey: ConfigKey([key]), default: -1)
            return value < 0 ? nil : value
        }
        var plan = base
        plan.name = name
        plan.maxTrackedVideos = try limit("max-tracked-videos")
        plan.maxTrackedCreators = try limit("max-tracked-creators")
        func count(_ key: String, _ value: Int, zero: String) throws -> Int {
            try config.countSetting(key, default: value, zero: zero, label: "plan.\(name).\(key)")
        }
        plan.minimumSnapshotInterval = TimeInterval(try count("min-snapshot-interval", 0, zero: "sets no floor"))
        plan.manualRefreshesPerDay = try count("refreshes-per-day", base.manualRefreshesPerDay, zero: "allows no manual refresh")
        plan.discoveryFloor = TimeInterval(try count("discovery-floor", Int(base.discoveryFloor), zero: "sets no floor"))
        plan.requestsPerMinute = try count("requests-per-minute", base.requestsPerMinute, zero: "turns the limit off")
        plan.urlsPerMinute = try count("urls-per-minute", base.urlsPerMinute, zero: "turns the limit off")
        plan.snapshotPrice = try money(config, "snapshot-price", default: base.snapshotPrice, label: "plan.\(name).snapshot-price")
        return plan
    }

    /// A non-negative decimal amount given as a number or a string (`0.015`, `"0.015"`).
    static func money(_ config: ConfigReader, _ key: String, default value: Money, label: String) throws -> Money {
        let text: String?
        if let number = config.double(forKey: ConfigKey([key])) {
            text = String(format: "%.6f", number)
        } else {
            text = config.string(forKey: ConfigKey([key]))
        }
        guard let text else { return value }
        guard let amount = Money(decimal: text), amount >= .zero else {
            throw SettingsError.invalid(label, "'\(text)' is not an amount such as 0.015")
        }
        return amount
    }
}
