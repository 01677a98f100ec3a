import Foundation
import TrendlineDomain

/// Every name a setting can be given, to tell a typo from a setting. Without it, a config file's
/// `"request-per-minute": 600` or a `TRENDLINE_YOUTUBE_API_KEY_S` variable was ignored without a
/// word and the default ran instead. An unknown key in the config file stops the start (the file
/// is Trendline's alone); an unknown `TRENDLINE_*` variable is warned of (an environment is
/// shared, and scripts set variables of their own). Both name the nearest setting.
enum SettingNames {
    /// The settings ``Settings/resolve(flags:environment:)`` reads itself.
    static let general = [
        "host", "port", "data-dir", "log-level", "database-url", "refreshes-per-day", "requests-per-minute",
        "urls-per-minute", "stats-cache-seconds", "webhooks-allow-private", "webhook-log-days", "snapshot-price",
        "plans", "default-plan",
    ]

    /// Every setting outside the plans: the general ones and ``ProviderVariables``'.
    static var settings: [String] {
        general + ProviderVariables.text.map(\.key) + ProviderVariables.numbers + ProviderVariables.decimals
    }

    /// Every setting, with each listed plan's (`plan.<name>.<key>`).
    static func settings(planNames: [String]) -> [String] {
        settings + planNames.flatMap { name in PlanSettings.keys.map { "plan.\(name).\($0)" } }
    }

    /// `TRENDLINE_*` variables that are not settings: the config file's name, the MCP bridge's
    /// target and key, what the fake yt-dlp reads, and those of the tests, benchmarks and CI.
    static let otherVariables: Set = [
        "TRENDLINE_CONFIG", "TRENDLINE_URL", "TRENDLINE_API_KEY", "TRENDLINE_SIMULATOR_URL", "TRENDLINE_BIN", "TRENDLINE_FIXTURES_DIR",
    ]
    static let toolPrefixes = ["TRENDLINE_TEST_", "TRENDLINE_BENCH_", "TRENDLINE_CI_"]
    static let prefix = "TRENDLINE_"

    /// The variable a key is read from, as swift-configuration's environment provider names it:
    /// `plan.pro.max-tracked-videos` is `TRENDLINE_PLAN_PRO_MAX_TRACKED_VIDEOS`.
    static func variable(_ key: String) -> String {
        prefix + key.uppercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
    }

    /// A key of the config file that is not a setting, or a plan's key whose plan is not listed.
    struct UnknownKey: Equatable {
        let key: String
        /// ` (did you mean '...'?)`, or empty.
        let suggestion: String
        /// The plan a `plan.<name>.<key>` names when `plans` does not list it.
        let unlistedPlan: String?

        /// What is wrong with it, after "sets".
        var problem: String {
            if let unlistedPlan { return "'\(key)', but 'plans' does not list a plan '\(unlistedPlan)'" }
            return "'\(key)', which is not a setting" + suggestion
        }
    }

    /// The keys of a config file's JSON object that are not settings, in the order they sort.
    /// Nested objects are read as their dotted keys, as the configuration reader reads them:
    /// `{"plan": {"pro": {"max-tracked-videos": 5}}}` is `plan.pro.max-tracked-videos`.
    static func unknownKeys(in object: [String: Any], planNames: [String]) -> [UnknownKey] {
        let known = settings(planNames: planNames)
        let knownSet = Set(known)
        return flattenedKeys(object).sorted().compactMap { key in
            if knownSet.contains(key) { return nil }
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 3, parts[0] == "plan", !planNames.contains(String(parts[1])), PlanSettings.keys.contains(String(parts[2])) {
                return UnknownKey(key: key, suggestion: "", unlistedPlan: String(parts[1]))
            }
            return UnknownKey(key: key, suggestion: NearestName.suggestion(among: known, to: key), unlistedPlan: nil)
        }
    }

    static func flattenedKeys(_ object: [String: Any], prefix: String = "") -> [String] {
        object.flatMap { key, value -> [String] in
            let name = prefix.isEmpty ? key : "\(prefix).\(key)"
            guard let nested = value as? [String: Any], !nested.isEmpty else { return [name] }
            return flattenedKeys(nested, prefix: name)
        }
    }

    /// A warning for each `TRENDLINE_*` variable of `environment` that nothing reads, in the
    /// order they sort.
    static func unknownVariableWarnings(_ environment: [String: String], planNames: [String]) -> [String] {
        let known = settings(planNames: planNames).map(variable)
        let knownSet = Set(known).union(otherVariables)
        // Compared without the prefix they share, which would make any two names look close.
        let suffixes = known.map { String($0.dropFirst(prefix.count)) }
        return environment.keys.sorted().compactMap { name in
            guard name.hasPrefix(prefix), !knownSet.contains(name), !toolPrefixes.contains(where: name.hasPrefix) else { return nil }
            if let plan = unlistedPlan(variable: name) {
                return "\(name) is ignored: TRENDLINE_PLANS (or the config file's plans) does not list a plan '\(plan)'"
            }
            let hint = NearestName.among(suffixes, to: String(name.dropFirst(prefix.count))).map { " (did you mean \(prefix)\($0)?)" } ?? ""
            return "\(name) is not a Trendline setting and is ignored\(hint)"
        }
    }

    /// The plan a `TRENDLINE_PLAN_<NAME>_<KEY>` variable names, lowercased, when `<KEY>` is a
    /// plan's key (the caller knows the plan is not listed).
    static func unlistedPlan(variable name: String) -> String? {
        let planPrefix = prefix + "PLAN_"
        guard name.hasPrefix(planPrefix) else { return nil }
        let rest = name.dropFirst(planPrefix.count)
        for key in PlanSettings.keys {
            let suffix = "_" + variable(key).dropFirst(prefix.count)
            if rest.hasSuffix(suffix), rest.count > suffix.count { return rest.dropLast(suffix.count).lowercased() }
        }
        return nil
    }
}
