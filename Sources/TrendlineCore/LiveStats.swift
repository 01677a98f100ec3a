import Foundation
import TrendlineDomain
import TrendlineStore

/// Counts fetched from the platforms on demand (manual refresh, one-off stats), outside the
/// schedule. Implemented by the snapshot layer; the API only sees this protocol.
public protocol LiveStats: Sendable {
    /// Fetches the video's counters now.
    func fetch(_ video: VideoURL) async -> Result<LiveReading, LiveStatsFailure>
}

/// Counters and metadata read from a platform, and which provider answered.
public struct LiveReading: Sendable {
    public var counts: Counts
    public var metadata: VideoMetadata
    public var provider: String
    public var fetchedAt: Date

    public init(counts: Counts, metadata: VideoMetadata, provider: String, fetchedAt: Date) {
        self.counts = counts
        self.metadata = metadata
        self.provider = provider
        self.fetchedAt = fetchedAt
    }
}

/// Every provider failed; `attempts` names each failure.
public struct LiveStatsFailure: Error, Sendable {
    public var attempts: [String]
    /// The platform says the video is private or gone.
    public var videoUnavailable: Bool
    /// Every provider was throttled by the platform: trying later may succeed.
    public var throttled: Bool
    public var retryAfter: TimeInterval?

    public init(attempts: [String], videoUnavailable: Bool, throttled: Bool = false, retryAfter: TimeInterval? = nil) {
        self.attempts = attempts
        self.videoUnavailable = videoUnavailable
        self.throttled = throttled
        self.retryAfter = retryAfter
    }

    public var message: String {
        "every provider failed: " + attempts.joined(separator: "; ")
    }
}

/// A `LiveStats` that has no providers: every fetch fails saying so.
public struct NoLiveStats: LiveStats {
    public init() {}
    public func fetch(_ video: VideoURL) async -> Result<LiveReading, LiveStatsFailure> {
        .failure(LiveStatsFailure(attempts: ["no providers are configured in this process"], videoUnavailable: false))
    }
}

/// Whether one provider can run here, for /health.
public struct ProviderStatus: Sendable, Hashable {
    public var platform: Platform
    public var name: String
    /// Why it cannot run (no key, no executable...), or `nil` when it can.
    public var unavailableReason: String?

    public init(platform: Platform, name: String, unavailableReason: String?) {
        self.platform = platform
        self.name = name
        self.unavailableReason = unavailableReason
    }
}
