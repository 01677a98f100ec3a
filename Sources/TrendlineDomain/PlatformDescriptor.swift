/// Everything the domain knows about one platform: its name, its domains, which counters it
/// reports, and how its URLs map to a video. One conforming type per platform, one file each.
public protocol PlatformDescriptor: Sendable {
    var platform: Platform { get }
    var displayName: String { get }
    /// Registrable domains of the platform (subdomains included). Short links may only
    /// redirect between hosts of these domains.
    var domains: [String] { get }
    /// The counters the platform publishes.
    var reportedMetrics: [Metric] { get }
    /// Example URLs the parser accepts, shown by `GET /v1/platforms`.
    var exampleURLs: [String] { get }
    /// Maps a URL on one of ``domains`` to a video or a short link.
    func recognize(_ url: URLParts) -> Result<ParsedVideoURL, VideoURLError>
}

extension PlatformDescriptor {
    /// Whether `host` belongs to this platform.
    public func owns(host: String) -> Bool {
        domains.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    func notAVideo(_ reason: String) -> Result<ParsedVideoURL, VideoURLError> {
        .failure(.notAVideo(platform, reason: reason))
    }

    func invalidID(_ id: String, _ reason: String) -> Result<ParsedVideoURL, VideoURLError> {
        .failure(.invalidVideoID(platform, id: id, reason: reason))
    }
}

/// The registry of supported platforms.
public enum PlatformCatalog {
    /// Every platform's descriptor, in the order of ``Platform/allCases``.
    public static let all: [any PlatformDescriptor] = [
        TikTokDescriptor(), InstagramDescriptor(), YouTubeDescriptor(),
        XDescriptor(), FacebookDescriptor(), LinkedInDescriptor(),
    ]

    public static func descriptor(for platform: Platform) -> any PlatformDescriptor {
        all.first { $0.platform == platform }!
    }

    /// The platform whose domains include `host`, if any.
    public static func descriptor(owning host: String) -> (any PlatformDescriptor)? {
        all.first { $0.owns(host: host) }
    }
}
