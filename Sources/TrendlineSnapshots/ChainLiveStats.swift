import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineStore

/// ``LiveStats`` through the platforms' provider chains.
public struct ChainLiveStats: LiveStats {
    let chains: [Platform: ProviderChain]
    let clock: WallClock

    public init(chains: [Platform: ProviderChain], clock: WallClock = .system) {
        self.chains = chains
        self.clock = clock
    }

    public func fetch(_ video: VideoURL) async -> Result<LiveReading, LiveStatsFailure> {
        guard let chain = chains[video.platform] else {
            return .failure(LiveStatsFailure(attempts: ["no provider chain for \(video.platform.displayName)"], videoUnavailable: false))
        }
        switch await chain.fetch([video])[video.externalID] {
        case .stats(let stats, let provider):
            let metadata = VideoMetadata(title: stats.title, author: stats.author, publishedAt: stats.publishedAt, thumbnailURL: stats.thumbnailURL)
            return .success(LiveReading(counts: stats.counts, metadata: metadata, provider: provider, fetchedAt: clock.now))
        case .failed(let failure):
            return .failure(LiveStatsFailure(
                attempts: failure.attempts.map { "\($0.provider): \($0.failure)" },
                videoUnavailable: failure.decisive.meansVideoUnavailable,
                throttled: failure.attempts.allSatisfy { if case .rateLimited = $0.failure { true } else { false } }, retryAfter: failure.retryAfter))
        case nil:
            return .failure(LiveStatsFailure(attempts: ["no answer"], videoUnavailable: false))
        }
    }
}
