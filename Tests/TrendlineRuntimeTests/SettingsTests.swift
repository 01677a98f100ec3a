import Foundation
import Logging
import Testing
import TrendlineDomain
import TrendlineProviders
@testable import TrendlineRuntime
import TrendlineSnapshots
import TrendlineTestSupport

/// Writes a JSON config file to a temporary path.
func configFile(_ json: String) throws -> String {
    let path = try ScratchDirectory.file("config", suffix: ".json")
    try json.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Settings come from flags, then TRENDLINE_* variables, then the config file, then defaults.
struct SettingsTests {
    @Test func defaults() async throws {
        let settings = try await Settings.resolve(flags: .init(), environment: [:])
        #expect(settings == Settings(host: "127.0.0.1", port: 8080, dataDirectory: "./data", logLevel: .info))
        #expect(settings.databasePath.hasSuffix("data/trendline.sqlite"))
    }

    @Test func workerSettingsComeFromTheEnvironment() {
        let defaults = SnapshotRuntime.workerConfiguration([:])
        #expect(defaults.claimLimit == 500 && defaults.lease == 300 && defaults.roundsInFlight == 1)
        let set = SnapshotRuntime.workerConfiguration(["TRENDLINE_WORKER_ROUNDS": "3", "TRENDLINE_WORKER_CLAIM_LIMIT": "50"])
        #expect(set.roundsInFlight == 3 && set.claimLimit == 50)
        #expect(SnapshotRuntime.workerConfiguration(["TRENDLINE_WORKER_ROUNDS": "0"]).roundsInFlight == 1, "not a count: the default")
        var direct = SnapshotWorker.Configuration(roundsInFlight: 0)
        #expect(direct.roundsInFlight == 1)
        direct.roundsInFlight = -3
        #expect(direct.roundsInFlight == 1, "a worker always runs at least one round")
    }

    /// Provider keys, base URLs, chain order, budgets and the worker's settings may live in the
    /// config file too, under the same names as every other setting; a variable still wins.
    @Test func providerAndWorkerSettingsComeFromTheFileOrTheEnvironment() async throws {
        let file = try configFile("""
            {"youtube-api-keys": "k1, k2", "x-bearer-token": "from-file", "tiktok-base-url": "http://127.0.0.1:9900",
             "tiktok-providers": "yt-dlp,tiktok-web", "provider-timeout": 20, "youtube-requests-per-minute": 90,
             "worker-claim-limit": 50, "worker-rounds": 2}
            """)
        let fromFile = try await Settings.resolve(flags: .init(configFile: file), environment: [:])
        let providers = fromFile.providers
        #expect(providers.youtubeAPIKeys == ["k1", "k2"] && providers.xBearerToken == "from-file")
        #expect(providers.endpoints.base(.tiktok) == "http://127.0.0.1:9900" && providers.order[.tiktok] == ["yt-dlp", "tiktok-web"])
        #expect(providers.timeoutSeconds == 20 && providers.requestsPerMinute[.youtube] == 90)
        #expect(fromFile.workerConfiguration.claimLimit == 50 && fromFile.workerConfiguration.roundsInFlight == 2)

        let fractional = try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_WORKER_LEASE_SECONDS": "2.5"])
        #expect(fractional.workerConfiguration.lease == 2.5, "a lease may have a fraction, as before")
        let leaseInFile = try await Settings.resolve(flags: .init(configFile: try configFile(#"{"worker-lease-seconds": 90}"#)), environment: [:])
        #expect(leaseInFile.workerConfiguration.lease == 90)

        let env = ["TRENDLINE_X_BEARER_TOKEN": "from-env", "TRENDLINE_PROVIDER_TIMEOUT": "5"]
        let fromEnv = try await Settings.resolve(flags: .init(configFile: file), environment: env)
        #expect(fromEnv.providers.xBearerToken == "from-env" && fromEnv.providers.timeoutSeconds == 5, "a variable beats the file")
        #expect(fromEnv.providers.youtubeAPIKeys == ["k1", "k2"], "the file still supplies the rest")

        let none = try await Settings.resolve(flags: .init(), environment: [:])
        #expect(none.providers.youtubeAPIKeys.isEmpty && none.providers.endpoints == PlatformEndpoints() && none.workerConfiguration.claimLimit == 500)

        let typo = try configFile(#"{"provider-timeout": "soon"}"#)
        await #expect(throws: SettingsError.invalid("provider-timeout", "'soon' is not an integer")) {
            try await Settings.resolve(flags: .init(configFile: typo), environment: [:])
        }
        // A count of 0 or less is refused where it was passed on (a timeout of 0 failed every
        // upstream call) or silently dropped (a concurrency of 0).
        await #expect(throws: SettingsError.invalid("provider-timeout", "0 must be at least 1")) {
            try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_PROVIDER_TIMEOUT": "0"])
        }
        await #expect(throws: SettingsError.invalid("tiktok-concurrency", "-2 must be at least 1")) {
            try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_TIKTOK_CONCURRENCY": "-2"])
        }
        await #expect(throws: SettingsError.invalid("worker-lease-seconds", "0.0 must be above 0")) {
            try await Settings.resolve(flags: .init(configFile: try configFile(#"{"worker-lease-seconds": 0}"#)), environment: [:])
        }
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFile() async throws {
        let file = try configFile(#"{"host": "0.0.0.0", "port": 7000, "data-dir": "/from/file", "log-level": "debug"}"#)
        let fromFile = try await Settings.resolve(flags: .init(configFile: file), environment: [:])
        #expect(fromFile == Settings(host: "0.0.0.0", port: 7000, dataDirectory: "/from/file", logLevel: .debug))

        let env = ["TRENDLINE_PORT": "7100", "TRENDLINE_DATA_DIR": "/from/env", "TRENDLINE_CONFIG": file]
        let fromEnv = try await Settings.resolve(flags: .init(), environment: env)
        #expect(fromEnv.port == 7100)
        #expect(fromEnv.dataDirectory == "/from/env")
        #expect(fromEnv.host == "0.0.0.0", "the file named by TRENDLINE_CONFIG still supplies the rest")

        // Numbers as people write them in JSON: quoted, or with a zero fraction.
        let quoted = try configFile(#"{"port": "7300", "requests-per-minute": 120.0, "worker-claim-limit": " 50 "}"#)
        let fromQuoted = try await Settings.resolve(flags: .init(configFile: quoted), environment: [:])
        #expect(fromQuoted.port == 7300 && fromQuoted.requestsPerMinute == 120 && fromQuoted.workerConfiguration.claimLimit == 50)
        for (json, why) in [(#"{"port": 80.5}"#, "80.5 is not an integer"), (#"{"port": "80x"}"#, "'80x' is not an integer")] {
            await #expect(throws: SettingsError.invalid("port", why)) { try await Settings.resolve(flags: .init(configFile: try configFile(json)), environment: [:]) }
        }

        let fromFlags = try await Settings.resolve(flags: .init(port: 7200, dataDirectory: "/from/flag"), environment: env)
        #expect(fromFlags.port == 7200)
        #expect(fromFlags.dataDirectory == "/from/flag")
    }

    @Test func badValuesAreErrorsNotSilentDefaults() async throws {
        await #expect(throws: SettingsError.self) { try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_PORT": "eighty"]) }
        await #expect(throws: SettingsError.self) { try await Settings.resolve(flags: .init(port: 70_000), environment: [:]) }
        await #expect(throws: SettingsError.self) { try await Settings.resolve(flags: .init(logLevel: "loud"), environment: [:]) }
        await #expect(throws: SettingsError.missingConfigFile("/no/such/file.json")) {
            try await Settings.resolve(flags: .init(configFile: "/no/such/file.json"), environment: [:])
        }
        let notJSON = try configFile("{\"port\": 7000,")
        await #expect(throws: SettingsError.unreadableConfigFile(notJSON, "Unexpected end of file during JSON parse.")) {
            try await Settings.resolve(flags: .init(configFile: notJSON), environment: [:])
        }
        await #expect(throws: SettingsError.invalid("webhook-log-days", "-1 is negative (0 keeps the log forever)")) {
            try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_WEBHOOK_LOG_DAYS": "-1"])
        }
    }

    /// A negative limit was read as 0, which for a rate limit means off: `-5` requests a minute
    /// turned the limit off without a word.
    @Test func negativeLimitsAreRefusedSayingWhatZeroDoes() async throws {
        let refusals = [
            ("TRENDLINE_REQUESTS_PER_MINUTE", "requests-per-minute", "0 turns the limit off"),
            ("TRENDLINE_URLS_PER_MINUTE", "urls-per-minute", "0 turns the limit off"),
            ("TRENDLINE_REFRESHES_PER_DAY", "refreshes-per-day", "0 allows no manual refresh"),
            ("TRENDLINE_STATS_CACHE_SECONDS", "stats-cache-seconds", "0 keeps no answer"),
            ("TRENDLINE_PLAN_PRO_REQUESTS_PER_MINUTE", "plan.pro.requests-per-minute", "0 turns the limit off"),
            ("TRENDLINE_PLAN_PRO_MIN_SNAPSHOT_INTERVAL", "plan.pro.min-snapshot-interval", "0 sets no floor"),
        ]
        for (variable, name, zero) in refusals {
            await #expect(throws: SettingsError.invalid(name, "-5 is negative (\(zero))"), "\(variable)") {
                try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_PLANS": "pro", variable: "-5"])
            }
        }
        let off = try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_REQUESTS_PER_MINUTE": "0"])
        #expect(off.requestsPerMinute == 0 && off.plans.defaultPlan.requestsPerMinute == 0)
    }

    @Test func theWebhookLogIsKeptThirtyDaysUnlessSet() async throws {
        #expect(try await Settings.resolve(flags: .init(), environment: [:]).webhookLogDays == 30)
        let file = try configFile(#"{"webhook-log-days": 90}"#)
        #expect(try await Settings.resolve(flags: .init(configFile: file), environment: [:]).webhookLogDays == 90)
        #expect(try await Settings.resolve(flags: .init(configFile: file), environment: ["TRENDLINE_WEBHOOK_LOG_DAYS": "0"]).webhookLogDays == 0)
    }
}

/// Plans come from the same sources as every other setting.
struct PlanSettingsTests {
    @Test func withoutPlansEveryAccountIsUnlimitedWithTheGlobalValues() async throws {
        let settings = try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_REQUESTS_PER_MINUTE": "30", "TRENDLINE_REFRESHES_PER_DAY": "3"])
        let plan = settings.plans.defaultPlan
        #expect(plan.name == "unlimited")
        #expect(plan.maxTrackedVideos == nil)
        #expect(plan.requestsPerMinute == 30)
        #expect(plan.manualRefreshesPerDay == 3)
        #expect(!plan.usesCredits)
        let paying = try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_SNAPSHOT_PRICE": "0.015"])
        #expect(paying.plans.defaultPlan.snapshotPrice == Money(decimal: "0.015"))
    }

    @Test func plansFromTheFileAndTheEnvironment() async throws {
        let file = try configFile("""
            {"plans": ["free", "pro"], "default-plan": "free", "snapshot-price": 0.02,
             "plan": {"free": {"max-tracked-videos": 10, "min-snapshot-interval": 7200, "snapshot-price": "0.015"},
                      "pro": {"max-tracked-videos": 1000, "max-tracked-creators": 50, "requests-per-minute": 600, "discovery-floor": 900}}}
            """)
        let settings = try await Settings.resolve(flags: .init(configFile: file), environment: ["TRENDLINE_PLAN_PRO_URLS_PER_MINUTE": "5000"])
        let free = settings.plans.plan(named: nil)
        #expect(free.name == "free")
        #expect(free.maxTrackedVideos == 10)
        #expect(free.minimumSnapshotInterval == 7200)
        #expect(free.snapshotPrice == Money(decimal: "0.015"))
        #expect(free.requestsPerMinute == 60, "unset limits take the global value")
        let pro = settings.plans.plan(named: "pro")
        #expect(pro.maxTrackedVideos == 1000)
        #expect(pro.maxTrackedCreators == 50)
        #expect(pro.requestsPerMinute == 600)
        #expect(pro.urlsPerMinute == 5000, "the environment reaches into a plan")
        #expect(pro.discoveryFloor == 900)
        #expect(pro.snapshotPrice == Money(decimal: "0.02"), "the global price is every plan's default")
    }

    @Test func badPlansAreErrors() async throws {
        await #expect(throws: SettingsError.self) {
            try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_PLANS": "free", "TRENDLINE_DEFAULT_PLAN": "gold"])
        }
        await #expect(throws: SettingsError.self) {
            try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_PLANS": "free", "TRENDLINE_PLAN_FREE_SNAPSHOT_PRICE": "cheap"])
        }
        await #expect(throws: SettingsError.self) {
            try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_PLANS": "free", "TRENDLINE_PLAN_FREE_MAX_TRACKED_VIDEOS": "many"])
        }
        await #expect(throws: SettingsError.self) {
            try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_PLANS": "Free Plan"])
        }
    }

    /// A typo in the config file was ignored and the default ran: now the start stops, naming
    /// the key and the setting nearest to it, in the flat form and the nested one alike.
    @Test func anUnknownKeyInTheConfigFileStopsTheStart() async throws {
        func refusal(_ json: String) async throws -> String {
            let file = try configFile(json)
            do {
                _ = try await Settings.resolve(flags: .init(configFile: file), environment: [:])
                return "accepted"
            } catch let error as SettingsError {
                return error.description.replacingOccurrences(of: "config file '\(file)' ", with: "")
            }
        }
        #expect(try await refusal(#"{"request-per-minute": 600}"#) == "sets 'request-per-minute', which is not a setting (did you mean 'requests-per-minute'?)")
        #expect(try await refusal(#"{"youtube": {"api-keys": "k"}}"#) == "sets 'youtube.api-keys', which is not a setting (did you mean 'youtube-api-keys'?)")
        #expect(try await refusal(#"{"colour": "blue"}"#) == "sets 'colour', which is not a setting")
        #expect(try await refusal(#"{"plans": ["free"], "plan": {"free": {"max-tracked-video": 5}}}"#)
            == "sets 'plan.free.max-tracked-video', which is not a setting (did you mean 'plan.free.max-tracked-videos'?)")
        #expect(try await refusal(#"{"plans": ["free"], "plan": {"pro": {"max-tracked-videos": 5}}}"#)
            == "sets 'plan.pro.max-tracked-videos', but 'plans' does not list a plan 'pro'")
        #expect(try await refusal(#"{"plans": ["free"], "plan.free.max-tracked-videos": 5, "port": 9000}"#) == "accepted", "the dotted form is a setting too")
    }

    /// A `TRENDLINE_*` variable that nothing reads is warned of at start, with the setting it is
    /// nearest to; the variables of the tests, benchmarks and tools are not.
    @Test func unknownVariablesAreWarnedOf() async throws {
        let settings = try await Settings.resolve(flags: .init(), environment: [
            "TRENDLINE_REQUEST_PER_MINUTE": "5", "TRENDLINE_YOUTUBE_API_KEY_S": "k", "TRENDLINE_FOO": "1",
            "TRENDLINE_PLANS": "free", "TRENDLINE_PLAN_FREE_MAX_TRACKED_VIDEOS": "4", "TRENDLINE_PLAN_PRO_MAX_TRACKED_VIDEOS": "4",
            "TRENDLINE_TEST_POSTGRES_URL": "postgres://x", "TRENDLINE_CONFIG_DIR": "/etc", "TRENDLINE_URL": "http://x", "HOME": "/root",
        ])
        #expect(settings.requestsPerMinute == 60, "the misspelt limit is not read")
        #expect(settings.warnings == [
            "TRENDLINE_CONFIG_DIR is not a Trendline setting and is ignored",
            "TRENDLINE_FOO is not a Trendline setting and is ignored",
            "TRENDLINE_PLAN_PRO_MAX_TRACKED_VIDEOS is ignored: TRENDLINE_PLANS (or the config file's plans) does not list a plan 'pro'",
            "TRENDLINE_REQUEST_PER_MINUTE is not a Trendline setting and is ignored (did you mean TRENDLINE_REQUESTS_PER_MINUTE?)",
            "TRENDLINE_YOUTUBE_API_KEY_S is not a Trendline setting and is ignored (did you mean TRENDLINE_YOUTUBE_API_KEYS?)",
        ])
    }

    /// Every `TRENDLINE_*` variable the README and docs/ name is one the process reads (plans
    /// named there listed), so the check cannot warn of a documented setting.
    @Test func everyDocumentedVariableIsKnown() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { root.appendingPathComponent("docs").appendingPathComponent($0) }
        var named = Set<String>()
        for file in docs + [root.appendingPathComponent("README.md")] {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: #/TRENDLINE_[A-Z0-9_]*[A-Z0-9](?![_A-Z0-9<*])/#) { named.insert(String(match.output)) }
        }
        #expect(named.count > 20, "\(named.sorted())")
        let warnings = SettingNames.unknownVariableWarnings(Dictionary(uniqueKeysWithValues: named.map { ($0, "") }), planNames: ["free", "pro"])
        #expect(warnings.isEmpty, "\(warnings)")
    }
}
