import Foundation
import TrendlineDomain

/// Where each platform is reached. Defaults are the real hosts; `TRENDLINE_<PLATFORM>_BASE_URL`
/// replaces scheme, host and port (paths stay the platform's own), which is how tests, the demo
/// and benchmarks point providers at the platform simulator.
public struct PlatformEndpoints: Sendable, Hashable {
    /// Base URL per platform, without a trailing slash.
    public var baseURLs: [Platform: String]

    public static let defaults: [Platform: String] = [
        .tiktok: "https://www.tiktok.com",
        .youtube: "https://www.googleapis.com",
        .x: "https://api.x.com",
        .instagram: "https://i.instagram.com",
        .facebook: "https://www.facebook.com",
        .linkedin: "https://www.linkedin.com",
    ]

    public init(baseURLs: [Platform: String] = PlatformEndpoints.defaults) {
        self.baseURLs = baseURLs.mapValues { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    /// Defaults overridden by `TRENDLINE_<PLATFORM>_BASE_URL` variables.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> PlatformEndpoints {
        var urls = defaults
        for platform in Platform.allCases {
            if let value = environment["TRENDLINE_\(platform.rawValue.uppercased())_BASE_URL"], !value.isEmpty {
                urls[platform] = value
            }
        }
        return PlatformEndpoints(baseURLs: urls)
    }

    /// Every platform on one base URL (the simulator serves all of them on one port).
    public static func all(at baseURL: String) -> PlatformEndpoints {
        PlatformEndpoints(baseURLs: Dictionary(uniqueKeysWithValues: Platform.allCases.map { ($0, baseURL) }))
    }

    public func base(_ platform: Platform) -> String {
        baseURLs[platform] ?? Self.defaults[platform]!
    }

    /// Whether the platform is redirected away from its real hosts.
    public func isOverridden(_ platform: Platform) -> Bool {
        base(platform) != Self.defaults[platform]
    }
}
