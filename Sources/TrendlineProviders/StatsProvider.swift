import Foundation
import TrendlineDomain

/// Fetches counters for videos of one platform. One conforming type per upstream source.
public protocol StatsProvider: Sendable {
    /// Recorded on every snapshot this provider took, e.g. `youtube-data-api`.
    var name: String { get }
    var platform: Platform { get }
    /// How many ids one upstream call can carry (1 for page scrapers).
    var batchSize: Int { get }
    /// Results keyed by external id; every requested id gets one.
    func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>]
    /// Why the provider cannot run here, or `nil` when it can.
    func unavailableReason() -> String?
}

extension StatsProvider {
    public func unavailableReason() -> String? { nil }

    /// The same failure for every requested video.
    func failAll(_ videos: [VideoURL], _ failure: ProviderFailure) -> [String: Result<VideoStats, ProviderFailure>] {
        Dictionary(videos.map { ($0.externalID, .failure(failure)) }, uniquingKeysWith: { first, _ in first })
    }

}
