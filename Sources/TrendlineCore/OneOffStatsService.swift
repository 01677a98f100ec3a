import Foundation
import TrendlineDomain

/// Counts for any supported URL without tracking it (`POST /v1/post/stats`), cached per video
/// for a configurable time so repeated asks do not hit the platform; asks for a video already
/// being fetched wait for that fetch instead of making their own (a dashboard or an agent that
/// asks twice at once spent the platform's quota twice).
public actor OneOffStatsService {
    let live: any LiveStats
    let resolver: any ShortLinkResolver
    let clock: WallClock
    public let timeToLive: TimeInterval
    private var cache: [String: (reading: LiveReading, video: VideoURL, expires: Date)] = [:]
    private var inFlight: [String: Task<Result<LiveReading, LiveStatsFailure>, Never>] = [:]

    public init(live: any LiveStats, resolver: any ShortLinkResolver, clock: WallClock = .system, timeToLive: TimeInterval = 600) {
        self.live = live
        self.resolver = resolver
        self.clock = clock
        self.timeToLive = timeToLive
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
        let now = clock.now
        if let hit = cache[key], hit.expires > now {
            return .stats(hit.video, hit.reading, cached: true)
        }
        if let fetching = inFlight[key] {
            switch await fetching.value {
            case .failure(let failure): return .upstream(failure)
            case .success(let reading): return .stats(video, reading, cached: true)
            }
        }
        let fetching = Task { [live] in await live.fetch(video) }
        inFlight[key] = fetching
        let result = await fetching.value
        inFlight[key] = nil
        switch result {
        case .failure(let failure):
            return .upstream(failure)
        case .success(let reading):
            cache[key] = (reading, video, now.addingTimeInterval(timeToLive))
            if cache.count > 10_000 { cache = cache.filter { $0.value.expires > now } }
            return .stats(video, reading, cached: false)
        }
    }
}
