import Foundation
import TrendlineDomain

/// The creator providers of one platform in order, as ``ProviderChain`` is for videos: a read
/// goes to the first provider, and what it could not answer (errors, throttling, a refused or
/// empty answer, missing credentials) goes to the next. A provider saying the creator does not
/// exist or is private is final. The answer says which provider gave it.
public struct CreatorProviderChain: Sendable {
    public let platform: Platform
    public let providers: [any CreatorProvider]

    public init(platform: Platform, providers: [any CreatorProvider]) {
        self.platform = platform
        self.providers = providers
    }

    /// A value and the provider that read it.
    public struct Answer<Value: Sendable>: Sendable {
        public var value: Value
        public var provider: String
    }

    public func profile(_ handle: CreatorHandle) async -> Result<Answer<CreatorProfile>, ChainFailure> {
        await firstAnswer { await $0.profile(handle) }
    }

    public func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<Answer<[ChannelVideo]>, ChainFailure> {
        await firstAnswer { await $0.recentVideos(handle, profile: profile, limit: limit) }
    }

    func firstAnswer<Value: Sendable>(_ read: (any CreatorProvider) async -> Result<Value, ProviderFailure>) async -> Result<Answer<Value>, ChainFailure> {
        var attempts: [(String, ProviderFailure)] = []
        for provider in providers {
            switch await read(provider) {
            case .success(let value):
                return .success(Answer(value: value, provider: provider.name))
            case .failure(let failure):
                attempts.append((provider.name, failure))
                if failure.meansVideoUnavailable { return .failure(ChainFailure(attempts: attempts)) }
            }
        }
        if attempts.isEmpty { attempts.append(("none", .unavailable("no creator provider for \(platform.displayName)"))) }
        return .failure(ChainFailure(attempts: attempts))
    }
}
