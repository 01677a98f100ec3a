import Configuration
import Foundation
import Logging
import SystemPackage
import TrendlineDomain
import TrendlineProviders
import TrendlineSnapshots

/// The settings of a Trendline process, each read from (first wins) a command-line flag, an
/// environment variable `TRENDLINE_<NAME>`, the JSON config file, then the default.
///
/// | key | flag | environment | default |
/// |---|---|---|---|
/// | host | --host | TRENDLINE_HOST | 127.0.0.1 |
/// | port | --port | TRENDLINE_PORT | 8080 |
/// | data-dir | --data-dir | TRENDLINE_DATA_DIR | ./data |
/// | log-level | --log-level | TRENDLINE_LOG_LEVEL | info |
/// | database-url | --database-url | TRENDLINE_DATABASE_URL | none: SQLite in the data directory |
/// | refreshes-per-day | | TRENDLINE_REFRESHES_PER_DAY | 10 |
/// | requests-per-minute | | TRENDLINE_REQUESTS_PER_MINUTE | 60 (per API key; 0 = off) |
/// | urls-per-minute | | TRENDLINE_URLS_PER_MINUTE | 1000 (per API key; 0 = off) |
/// | stats-cache-seconds | | TRENDLINE_STATS_CACHE_SECONDS | 600 |
/// | webhooks-allow-private | | TRENDLINE_WEBHOOKS_ALLOW_PRIVATE | false (loopback, link-local and private webhook URLs refused) |
/// | webhook-log-days | | TRENDLINE_WEBHOOK_LOG_DAYS | 30 (finished webhook deliveries and their events are deleted after this; 0 = kept forever) |
/// | snapshot-price | | TRENDLINE_SNAPSHOT_PRICE | 0 (credits off) |
/// | plans, default-plan, plan.NAME.* | | TRENDLINE_PLANS, TRENDLINE_DEFAULT_PLAN, TRENDLINE_PLAN_NAME_* | one unlimited plan (see ``PlanSettings``) |
/// | youtube-api-keys, x-bearer-token, instagram-session, ytdlp-path, provider-timeout, PLATFORM-base-url, PLATFORM-providers, PLATFORM-concurrency, PLATFORM-requests-per-minute, worker-lease-seconds, worker-claim-limit, worker-rounds | | TRENDLINE_YOUTUBE_API_KEYS, ... | see ``ProviderSettings`` and ``SnapshotRuntime/workerConfiguration(_:)`` |
///
/// The config file is named by `--config` or `TRENDLINE_CONFIG`; its keys are the names
/// above, e.g. `{"port": 9000, "data-dir": "/var/lib/trendline"}`.
public struct Settings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var dataDirectory: String
    public var logLevel: Logger.Level
    /// Manual refreshes per video per 24 hours.
    public var refreshesPerDay: Int
    /// How long one-off stats stay cached.
    public var statsCacheSeconds: Int
    /// `postgres://...` to use PostgreSQL; `nil` for the SQLite file in the data directory.
    public var databaseURL: String?
    /// Requests per minute per API key (0 = no limit).
    public var requestsPerMinute: Int = 60
    /// URLs tracked per minute per API key (0 = no limit).
    public var urlsPerMinute: Int = 1000
    /// The plans accounts are governed by.
    public var plans = PlanCatalog()
    /// Whether webhooks may target loopback, link-local and private addresses.
    public var webhooksAllowPrivate = false
    /// The URLs webhooks may be saved with and delivered to, as ``webhooksAllowPrivate`` says.
    public var webhookTargets: WebhookTargetPolicy { WebhookTargetPolicy(allowPrivateAddresses: webhooksAllowPrivate) }
    /// Days finished webhook deliveries (and their events) are kept; 0 keeps them forever.
    public var webhookLogDays = 30
    /// What the process should warn of at start: `TRENDLINE_*` variables that are not settings.
    public var warnings: [String] = []
    /// The provider and worker settings that are set, as their `TRENDLINE_*` variables
    /// (``ProviderVariables``): from the environment or the config file.
    public var providerVariables: [String: String] = [:]

    /// Credentials, locations and chain order of the providers.
    public var providers: ProviderSettings { ProviderSettings.fromEnvironment(providerVariables) }

    /// The snapshot worker's lease, claim size and rounds in flight.
    public var workerConfiguration: SnapshotWorker.Configuration { SnapshotRuntime.workerConfiguration(providerVariables) }

    public init(host: String, port: Int, dataDirectory: String, logLevel: Logger.Level, refreshesPerDay: Int = 10, statsCacheSeconds: Int = 600, databaseURL: String? = nil) {
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.logLevel = logLevel
        self.refreshesPerDay = refreshesPerDay
        self.statsCacheSeconds = statsCacheSeconds
    }

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultDataDirectory = "./data"

    /// The SQLite file inside the data directory.
    public var databasePath: String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("trendline.sqlite").path
    }

    /// Flags given on the command line; `nil` means "not given".
    public struct Flags: Sendable {
        public var host: String?
        public var port: Int?
        public var dataDirectory: String?
        public var logLevel: String?
        public var configFile: String?
        public var databaseURL: String?

        public init(host: String? = nil, port: Int? = nil, dataDirectory: String? = nil, logLevel: String? = nil, configFile: String? = nil, databaseURL: String? = nil) {
            self.databaseURL = databaseURL
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.logLevel = logLevel
            self.configFile = configFile
        }
    }

    /// Resolves the settings from `flags`, `environment` and the config file.
    public static func resolve(flags: Flags, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Settings {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        if let host = flags.host { values[AbsoluteConfigKey(["host"])] = ConfigValue(.string(host), isSecret: false) }
        if let port = flags.port { values[AbsoluteConfigKey(["port"])] = ConfigValue(.int(port), isSecret: false) }
        if let dir = flags.dataDirectory { values[AbsoluteConfigKey(["data-dir"])] = ConfigValue(.string(dir), isSecret: false) }
        if let level = flags.logLevel { values[AbsoluteConfigKey(["log-level"])] = ConfigValue(.string(level), isSecret: false) }
        if let url = flags.databaseURL { values[AbsoluteConfigKey(["database-url"])] = ConfigValue(.string(url), isSecret: true) }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: values),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: ConfigKey(["trendline"])),
        ]
        let configFile = flags.configFile ?? environment["TRENDLINE_CONFIG"]
        if let file = configFile {
            guard FileManager.default.fileExists(atPath: file) else { throw SettingsError.missingConfigFile(file) }
            do {
                providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(file)))
            } catch {
                throw SettingsError.unreadableConfigFile(file, FileProblem.reason(error))
            }
        }
        let config = ConfigReader(providers: providers)
        let planNames = config.stringArray(forKey: ConfigKey(["plans"])) ?? []
        if let file = configFile { try checkKeys(ofConfigFile: file, planNames: planNames) }
        let port = try config.intSetting(forKey: ConfigKey(["port"]), default: defaultPort)
        guard (1...65_535).contains(port) else { throw SettingsError.invalid("port", "\(port) is not a TCP port (1-65535)") }
        let levelText = try config.stringSetting(forKey: ConfigKey(["log-level"]), default: "info")
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw SettingsError.invalid("log-level", "'\(levelText)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        var settings = Settings(
            host: try config.stringSetting(forKey: ConfigKey(["host"]), default: defaultHost),
            port: port,
            dataDirectory: try config.stringSetting(forKey: ConfigKey(["data-dir"]), default: defaultDataDirectory),
            logLevel: level,
            refreshesPerDay: try config.countSetting("refreshes-per-day", default: 10, zero: "allows no manual refresh"),
            statsCacheSeconds: try config.countSetting("stats-cache-seconds", default: 600, zero: "keeps no answer"),
            databaseURL: config.string(forKey: ConfigKey(["database-url"]), isSecret: true).flatMap { $0.isEmpty ? nil : $0 })
        settings.requestsPerMinute = try config.countSetting("requests-per-minute", default: 60, zero: "turns the limit off")
        settings.urlsPerMinute = try config.countSetting("urls-per-minute", default: 1000, zero: "turns the limit off")
        let base = Plan(
            name: Plan.unlimited.name, manualRefreshesPerDay: settings.refreshesPerDay, requestsPerMinute: settings.requestsPerMinute,
            urlsPerMinute: settings.urlsPerMinute,
            snapshotPrice: try PlanSettings.money(config, "snapshot-price", default: .zero, label: "snapshot-price"))
        settings.plans = try PlanSettings.catalog(config, base: base)
        settings.providerVariables = try ProviderVariables.read(config)
        settings.webhookLogDays = try config.countSetting("webhook-log-days", default: 30, zero: "keeps the log forever")
        if let allow = config.string(forKey: ConfigKey(["webhooks-allow-private"])) {
            guard let value = ["true": true, "1": true, "yes": true, "false": false, "0": false, "no": false][allow.lowercased()] else {
                throw SettingsError.invalid("webhooks-allow-private", "'\(allow)' is not true or false")
            }
            settings.webhooksAllowPrivate = value
        } else if let allow = config.bool(forKey: ConfigKey(["webhooks-allow-private"])) {
            settings.webhooksAllowPrivate = allow
        }
        settings.warnings = SettingNames.unknownVariableWarnings(environment, planNames: planNames)
        return settings
    }

    /// Refuses a config file with a key that is not a setting (``SettingNames``): the first
    /// such key, with the setting it is nearest to.
    static func checkKeys(ofConfigFile file: String, planNames: [String]) throws {
        guard let data = FileManager.default.contents(atPath: file),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let unknown = SettingNames.unknownKeys(in: object, planNames: planNames).first else { return }
        throw SettingsError.unknownKey(file: file, unknown.problem)
    }
}

/// A setting that cannot be used.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    case missingConfigFile(String)
    /// The file exists but could not be read as JSON: its path and why.
    case unreadableConfigFile(String, String)
    case invalid(String, String)
    /// The config file sets a key that is not a setting: the file, and what is wrong with the key.
    case unknownKey(file: String, String)

    public var description: String {
        switch self {
        case .unknownKey(let file, let problem): return "config file '\(file)' sets \(problem)"
        case .missingConfigFile(let path): return "config file '\(path)' does not exist"
        case .unreadableConfigFile(let path, let why): return "config file '\(path)' cannot be read as JSON: \(why)"
        case .invalid(let key, let why): return "invalid \(key): \(why)"
        }
    }
}

extension ConfigReader {
    /// The value, the default when absent, and an error (not the default) when present but
    /// of the wrong type, so a typo in the config never passes silently.
    func intSetting(forKey key: ConfigKey, default value: Int) throws -> Int {
        try intSetting(forKey: key) ?? value
    }

    /// The value, `nil` when absent, and an error when present but not an integer. A config
    /// file's `"7000"` and `7000.0` are read as 7000, as the environment's text is: a port
    /// quoted in JSON is what people write.
    func intSetting(forKey key: ConfigKey) throws -> Int? {
        if let number = int(forKey: key) { return number }
        let name = key.components.joined(separator: ".")
        if let text = string(forKey: key) {
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else { throw SettingsError.invalid(name, "'\(text)' is not an integer") }
            return number
        }
        if let number = double(forKey: key) {
            guard let whole = Int(exactly: number) else { throw SettingsError.invalid(name, "\(number) is not an integer") }
            return whole
        }
        return nil
    }

    /// An integer setting that may be 0 but not negative; `zero` says what 0 does, for the
    /// refusal (a negative limit was read as 0, which turned a rate limit off without a word).
    /// `label` names the setting in the refusal when the reader is scoped (a plan's keys).
    func countSetting(_ key: String, default value: Int, zero: String, label: String? = nil) throws -> Int {
        let number = try intSetting(forKey: ConfigKey([key]), default: value)
        guard number >= 0 else { throw SettingsError.invalid(label ?? key, "\(number) is negative (0 \(zero))") }
        return number
    }

    func stringSetting(forKey key: ConfigKey, default value: String) throws -> String {
        string(forKey: key) ?? value
    }
}
