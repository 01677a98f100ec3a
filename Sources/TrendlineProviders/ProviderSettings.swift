import Foundation
import TrendlineDomain

/// Credentials, locations and chain order of the providers, from the environment:
///
/// | variable | meaning |
/// |---|---|
/// | `TRENDLINE_<PLATFORM>_BASE_URL` | where the platform is reached (the simulator in tests) |
/// | `TRENDLINE_YOUTUBE_API_KEYS` | comma-separated YouTube Data API keys (rotated) |
/// | `TRENDLINE_YOUTUBE_WATCH_BASE_URL` | where watch pages are (default https://www.youtube.com, or the YouTube base URL when that is overridden) |
/// | `TRENDLINE_X_BEARER_TOKEN` | X API v2 bearer token |
/// | `TRENDLINE_INSTAGRAM_SESSION` | Instagram `sessionid` cookie |
/// | `TRENDLINE_YTDLP_PATH` | the yt-dlp executable (default `yt-dlp` on PATH) |
/// | `TRENDLINE_<PLATFORM>_PROVIDERS` | chain order, e.g. `yt-dlp,tiktok-web` (the creator chains follow it too) |
/// | `TRENDLINE_PROVIDER_TIMEOUT` | seconds per upstream request (default 10) |
/// | `TRENDLINE_<PLATFORM>_CONCURRENCY` | upstream calls in flight per platform (default 4) |
/// | `TRENDLINE_<PLATFORM>_REQUESTS_PER_MINUTE` | upstream call budget per platform (default 600) |
public struct ProviderSettings: Sendable {
    public var endpoints: PlatformEndpoints
    public var youtubeAPIKeys: [String]
    /// Where YouTube watch pages are; `nil` follows the YouTube base URL when overridden.
    public var youtubeWatchBaseURL: String?
    public var xBearerToken: String?
    public var instagramSession: String?
    public var ytdlpPath: String
    /// Extra environment for the yt-dlp subprocess (the fake yt-dlp reads its simulator URL here).
    public var ytdlpEnvironment: [String: String] = [:]
    public var order: [Platform: [String]]
    public var timeoutSeconds: Int
    /// Upstream calls in flight at once per platform; absent means the worker's default.
    public var concurrency: [Platform: Int] = [:]
    /// Upstream calls per minute per platform; absent means 600.
    public var requestsPerMinute: [Platform: Int] = [:]

    public static let defaultOrder: [Platform: [String]] = [
        .tiktok: ["tiktok-web", "yt-dlp"],
        .youtube: ["youtube-data-api", "youtube-watch-page", "yt-dlp"],
        .x: ["x-api-v2", "yt-dlp"],
        .instagram: ["instagram-media-info", "yt-dlp"],
        .facebook: ["yt-dlp"],
        .linkedin: ["yt-dlp"],
    ]

    public init(
        endpoints: PlatformEndpoints = PlatformEndpoints(), youtubeAPIKeys: [String] = [], youtubeWatchBaseURL: String? = nil, xBearerToken: String? = nil,
        instagramSession: String? = nil, ytdlpPath: String = "yt-dlp", order: [Platform: [String]] = ProviderSettings.defaultOrder,
        timeoutSeconds: Int = 10
    ) {
        self.endpoints = endpoints
        self.youtubeAPIKeys = youtubeAPIKeys
        self.youtubeWatchBaseURL = youtubeWatchBaseURL
        self.xBearerToken = xBearerToken
        self.instagramSession = instagramSession
        self.ytdlpPath = ytdlpPath
        self.order = order
        self.timeoutSeconds = timeoutSeconds
    }

    /// yt-dlp makes several requests per run (a page, then the API): three upstream timeouts,
    /// and at least 30 s.
    public var ytdlpTimeout: TimeInterval { TimeInterval(max(30, timeoutSeconds * 3)) }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ProviderSettings {
        var order = defaultOrder
        for platform in Platform.allCases {
            if let list = environment["TRENDLINE_\(platform.rawValue.uppercased())_PROVIDERS"], !list.isEmpty {
                order[platform] = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        var concurrency: [Platform: Int] = [:]
        var requestsPerMinute: [Platform: Int] = [:]
        for platform in Platform.allCases {
            if let value = environment["TRENDLINE_\(platform.rawValue.uppercased())_CONCURRENCY"].flatMap(Int.init), value > 0 {
                concurrency[platform] = value
            }
            if let value = environment["TRENDLINE_\(platform.rawValue.uppercased())_REQUESTS_PER_MINUTE"].flatMap(Int.init), value > 0 {
                requestsPerMinute[platform] = value
            }
        }
        var settings = ProviderSettings(
            endpoints: .fromEnvironment(environment),
            youtubeAPIKeys: (environment["TRENDLINE_YOUTUBE_API_KEYS"] ?? environment["TRENDLINE_YOUTUBE_API_KEY"] ?? "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            youtubeWatchBaseURL: environment["TRENDLINE_YOUTUBE_WATCH_BASE_URL"],
            xBearerToken: environment["TRENDLINE_X_BEARER_TOKEN"],
            instagramSession: environment["TRENDLINE_INSTAGRAM_SESSION"],
            ytdlpPath: environment["TRENDLINE_YTDLP_PATH"] ?? "yt-dlp",
            order: order,
            timeoutSeconds: environment["TRENDLINE_PROVIDER_TIMEOUT"].flatMap(Int.init) ?? 10)
        settings.concurrency = concurrency
        settings.requestsPerMinute = requestsPerMinute
        return settings
    }
}

/// Builds each platform's ``ProviderChain`` from ``ProviderSettings``.
public enum ProviderRegistry {
    /// Unknown provider names in the order are reported, not ignored. `sessions`: what the
    /// chains share with the creator providers of the same process (fresh ones when `nil`).
    public static func chains(_ settings: ProviderSettings, client: any UpstreamClient, sessions: ProviderSessions? = nil) throws -> [Platform: ProviderChain] {
        let sessions = sessions ?? ProviderSessions(settings)
        var chains: [Platform: ProviderChain] = [:]
        for platform in Platform.allCases {
            let names = settings.order[platform] ?? ProviderSettings.defaultOrder[platform] ?? []
            let providers = try names.map { name in try make(name, platform: platform, settings: settings, client: client, sessions: sessions) }
            chains[platform] = ProviderChain(platform: platform, providers: providers)
        }
        return chains
    }

    /// Throws ``UnknownProvider`` for the first name in the order that no provider answers to,
    /// so a process can refuse its settings before it opens any connection. Each provider is
    /// made as ``chains(_:client:sessions:)`` makes it, on a client that is never called.
    public static func checkOrder(_ settings: ProviderSettings) throws {
        _ = try chains(settings, client: NoConnection())
    }

    /// The client of ``checkOrder(_:)``'s throwaway chains.
    struct NoConnection: UpstreamClient {
        func get(_ url: String, headers: [(String, String)]) async throws -> UpstreamResponse {
            throw ProviderFailure.unavailable("no connection: the provider was made to check its name")
        }
    }

    static func make(_ name: String, platform: Platform, settings: ProviderSettings, client: any UpstreamClient, sessions: ProviderSessions) throws -> any StatsProvider {
        switch (name, platform) {
        case ("tiktok-web", .tiktok): return TikTokWebProvider(client: client, endpoints: settings.endpoints, cookies: sessions.tiktokCookies)
        case ("youtube-data-api", .youtube): return YouTubeDataAPIProvider(client: client, endpoints: settings.endpoints, keys: sessions.youtubeKeys)
        case ("youtube-watch-page", .youtube):
            let base = settings.youtubeWatchBaseURL
                ?? (settings.endpoints.isOverridden(.youtube) ? settings.endpoints.base(.youtube) : "https://www.youtube.com")
            return YouTubeWatchPageProvider(client: client, baseURL: base)
        case ("x-api-v2", .x): return XAPIProvider(client: client, endpoints: settings.endpoints, bearerToken: settings.xBearerToken)
        case ("instagram-media-info", .instagram): return InstagramMediaProvider(client: client, endpoints: settings.endpoints, sessionCookie: settings.instagramSession)
        case ("yt-dlp", _): return YtDlpProvider(platform: platform, executable: settings.ytdlpPath, timeout: settings.ytdlpTimeout, environment: settings.ytdlpEnvironment)
        default: throw UnknownProvider(name: name, platform: platform)
        }
    }

    public struct UnknownProvider: Error, CustomStringConvertible {
        public let name: String
        public let platform: Platform
        public var description: String {
            "no provider '\(name)' for \(platform.displayName); known: tiktok-web, youtube-data-api, youtube-watch-page, x-api-v2, instagram-media-info, yt-dlp"
        }
    }
}
