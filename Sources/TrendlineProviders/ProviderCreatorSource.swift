import Foundation
import TrendlineCore
import TrendlineDomain

/// The ``CreatorSource`` the service runs on: one ``CreatorProvider`` per platform.
public struct ProviderCreatorSource: CreatorSource {
    public let providers: [Platform: any CreatorProvider]
    let clock: WallClock

    public init(providers: [Platform: any CreatorProvider], clock: WallClock = .system) {
        self.providers = providers
        self.clock = clock
    }

    public func profile(_ handle: CreatorHandle) async -> Result<CreatorReading<CreatorProfile>, CreatorFetchFailure> {
        guard let provider = providers[handle.platform] else { return .failure(Self.noProvider(handle.platform)) }
        return await provider.profile(handle).map { CreatorReading(value: $0, provider: provider.name, fetchedAt: clock.now) }
            .mapError(Self.failure)
    }

    public func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<CreatorReading<[ChannelVideo]>, CreatorFetchFailure> {
        guard let provider = providers[handle.platform] else { return .failure(Self.noProvider(handle.platform)) }
        return await provider.recentVideos(handle, profile: profile, limit: limit)
            .map { CreatorReading(value: $0, provider: provider.name, fetchedAt: clock.now) }
            .mapError(Self.failure)
    }

    static func noProvider(_ platform: Platform) -> CreatorFetchFailure {
        CreatorFetchFailure(kind: .unavailable, message: "no creator provider for \(platform.displayName)")
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
