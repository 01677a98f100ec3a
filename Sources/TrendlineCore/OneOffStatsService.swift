import Foundation
import TrendlineDomain

/// Counts for any supported URL without tracking it (`POST /v1/post/stats`), cached per video
/// for a configurable time so repeated asks do not hit the platform; asks for a video already
/// being fetched wait for that fetch instead of making their own (a dashboard or an agent that
/// asks twice at once spent the platform's quota twice).
public struct OneOffStatsService: Sendable {
    let live: any LiveStats
    let resolver: any ShortLinkResolver
    let clock: WallClock
    private let cache: FetchCache<String, LiveReading, LiveStatsFailure>

    public init(live: any LiveStats, resolver: any ShortLinkResolver, clock: WallClock = .system, timeToLive: TimeInterval = 600) {
        self.live = live
        self.resolver = resolver
        self.clock = clock
        self.cache = FetchCache(timeToLive: timeToLive)
    }

    /// The outcome of one ask.
    public enum Outcome: Sendable {
        case stats(VideoURL, LiveReading, cached: Bool)
        case invalidURL(VideoURLError)
        case upstream(LiveStatsFailure)
    }

    public func stats(for url: String) async -> Outcome {
        let video: VideoURL
        switch VideoURLParser.parse(url) {
        case .failure(let error): return .invalidURL(error)
        case .success(.video(let parsed)): video = parsed
        case .success(.shortLink(let link)):
            switch await resolver.resolve(link) {
            case .failure(let error): return .invalidURL(error)
            case .success(let resolved): video = resolved
            }
        }
        let key = "\(video.platform.rawValue):\(video.externalID)"
        let (result, cached) = await cache.value(for: key, at: clock.now) { [live] in await live.fetch(video) }
        switch result {
        case .failure(let failure): return .upstream(failure)
        case .success(let reading): return .stats(video, reading, cached: cached)
        }
    }
}
