import Foundation
import TrendlineCore
import TrendlineDomain

/// The ``CreatorSource`` the service runs on: a ``CreatorProviderChain`` per platform.
public struct ProviderCreatorSource: CreatorSource {
    public let chains: [Platform: CreatorProviderChain]
    let clock: WallClock

    public init(chains: [Platform: CreatorProviderChain], clock: WallClock = .system) {
        self.chains = chains
        self.clock = clock
    }

    /// One provider per platform, with no fallback.
    public init(providers: [Platform: any CreatorProvider], clock: WallClock = .system) {
        self.init(chains: providers.mapValues { CreatorProviderChain(platform: $0.platform, providers: [$0]) }, clock: clock)
    }

    public func profile(_ handle: CreatorHandle) async -> Result<CreatorReading<CreatorProfile>, CreatorFetchFailure> {
        guard let chain = chains[handle.platform] else { return .failure(Self.noProvider(handle.platform)) }
        return await chain.profile(handle).map { CreatorReading(value: $0.value, provider: $0.provider, fetchedAt: clock.now) }
            .mapError(Self.failure)
    }

    public func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<CreatorReading<[ChannelVideo]>, CreatorFetchFailure> {
        guard let chain = chains[handle.platform] else { return .failure(Self.noProvider(handle.platform)) }
        return await chain.recentVideos(handle, profile: profile, limit: limit)
            .map { CreatorReading(value: $0.value, provider: $0.provider, fetchedAt: clock.now) }
            .mapError(Self.failure)
    }

    static func noProvider(_ platform: Platform) -> CreatorFetchFailure {
        CreatorFetchFailure(kind: .unavailable, message: "no creator provider for \(platform.displayName)")
    }

    /// The chain's outcome as the core sees it. A provider that cannot run here (`unavailable`)
    /// does not decide the kind while another one tried: TikTok throttling the web list stays a
    /// throttle when yt-dlp is not installed. With several attempts the message names each.
    static func failure(_ chain: ChainFailure) -> CreatorFetchFailure {
        let tried = chain.attempts.filter { if case .unavailable = $0.failure { false } else { true } }
        // The chain stops at a "gone" verdict, so the last attempt that ran is the decisive one.
        let decisive = tried.last?.failure ?? chain.decisive
        var mapped = failure(decisive)
        if chain.attempts.count > 1 { mapped.message = chain.description }
        if mapped.kind == .rateLimited { mapped.retryAfter = chain.retryAfter }
        return mapped
    }

    static func failure(_ failure: ProviderFailure) -> CreatorFetchFailure {
        switch failure {
        case .notFound(let why): return CreatorFetchFailure(kind: .notFound, message: "not found: \(why)")
        case .privateVideo(let why): return CreatorFetchFailure(kind: .notFound, message: "private: \(why)")
        case .rateLimited(let after): return CreatorFetchFailure(kind: .rateLimited, message: failure.description, retryAfter: after)
        case .unavailable(let why): return CreatorFetchFailure(kind: .unavailable, message: why)
        case .upstream, .malformed: return CreatorFetchFailure(kind: .upstream, message: failure.description)
        }
    }
}
