import Configuration
import TrendlineDomain
import TrendlineProviders

/// The upstream and worker settings (provider keys and tokens, base URLs, chain order,
/// concurrency, budgets, timeout, the worker's lease, claim and rounds), read from the same
/// places as every other setting: `TRENDLINE_<NAME>` first, then the config file under `<name>`
/// (`{"youtube-api-keys": "k1,k2", "tiktok-providers": "yt-dlp,tiktok-web"}`).
///
/// They are handed on as the `TRENDLINE_*` variables ``ProviderSettings/fromEnvironment(_:)``
/// and ``SnapshotRuntime/workerConfiguration(_:)`` read, so the providers' module stays free of
/// the configuration library.
enum ProviderVariables {
    /// Text settings; the secret ones are never logged by the configuration reader.
    static let text: [(key: String, secret: Bool)] = [
        ("youtube-api-keys", true), ("youtube-api-key", true), ("x-bearer-token", true), ("instagram-session", true),
        ("youtube-watch-base-url", false), ("ytdlp-path", false),
    ] + Platform.allCases.flatMap { platform in [("\(platform.rawValue)-base-url", false), ("\(platform.rawValue)-providers", false)] }

    /// Whole-number settings.
    static let numbers: [String] = ["provider-timeout", "worker-claim-limit", "worker-rounds"]
        + Platform.allCases.flatMap { platform in ["\(platform.rawValue)-concurrency", "\(platform.rawValue)-requests-per-minute"] }

    /// Settings that may have a fraction (seconds).
    static let decimals: [String] = ["worker-lease-seconds"]

    /// The environment variable a key is read from: `youtube-api-keys` is `TRENDLINE_YOUTUBE_API_KEYS`.
    static func variable(_ key: String) -> String {
        "TRENDLINE_" + key.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Every one of these settings that is set, by its variable's name.
    static func read(_ config: ConfigReader) throws -> [String: String] {
        var variables: [String: String] = [:]
        for (key, secret) in text {
            if let value = config.string(forKey: ConfigKey([key]), isSecret: secret), !value.isEmpty { variables[variable(key)] = value }
        }
        // Each counts something (seconds, calls, videos, rounds), so 0 or less is a mistake to
        // refuse, not a value to pass on: a provider timeout of 0 failed every upstream call.
        for key in numbers {
            guard let value = try config.intSetting(forKey: ConfigKey([key])) else { continue }
            guard value >= 1 else { throw SettingsError.invalid(key, "\(value) must be at least 1") }
            variables[variable(key)] = String(value)
        }
        for key in decimals {
            var read = config.double(forKey: ConfigKey([key])) ?? config.int(forKey: ConfigKey([key])).map(Double.init)
            if read == nil, let text = config.string(forKey: ConfigKey([key])) {
                guard let number = Double(text) else { throw SettingsError.invalid(key, "'\(text)' is not a number") }
                read = number
            }
            guard let value = read else { continue }
            guard value > 0, value.isFinite else { throw SettingsError.invalid(key, "\(value) must be above 0") }
            variables[variable(key)] = String(value)
        }
        return variables
    }
}
