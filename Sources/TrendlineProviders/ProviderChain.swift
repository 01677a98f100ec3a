import Foundation
import TrendlineDomain

/// The providers of one platform in order. Each video goes to the first provider; the ones it
/// could not answer (errors, throttling, missing credentials) go to the next. A provider saying
/// the video is private or gone is final. The snapshot records which provider answered.
public struct ProviderChain: Sendable {
    public let platform: Platform
    public let providers: [any StatsProvider]

    public init(platform: Platform, providers: [any StatsProvider]) {
        self.platform = platform
        self.providers = providers
    }

    /// One video's outcome through the chain.
    public enum Outcome: Sendable {
        case stats(VideoStats, provider: String)
        case failed(ChainFailure)
    }

    /// The largest batch the first provider takes (the worker groups by it).
    public var batchSize: Int { providers.first?.batchSize ?? 1 }

    public func fetch(_ videos: [VideoURL]) async -> [String: Outcome] {
        var outcomes: [String: Outcome] = [:]
        var failures: [String: [(String, ProviderFailure)]] = [:]
        var pending = videos
        for provider in providers where !pending.isEmpty {
            let results = await provider.fetch(pending)
            var next: [VideoURL] = []
            for video in pending {
                switch results[video.externalID] ?? .failure(.malformed("no answer for \(video.externalID)")) {
                case .success(let stats):
                    outcomes[video.externalID] = .stats(stats, provider: provider.name)
                case .failure(let failure):
                    failures[video.externalID, default: []].append((provider.name, failure))
                    if failure.meansVideoUnavailable {
                        outcomes[video.externalID] = .failed(ChainFailure(attempts: failures[video.externalID]!))
                    } else {
                        next.append(video)
                    }
                }
            }
            pending = next
        }
        for video in pending {
            let attempts = failures[video.externalID] ?? [("none", .unavailable("no provider configured for \(platform.displayName)"))]
            outcomes[video.externalID] = .failed(ChainFailure(attempts: attempts))
        }
        return outcomes
    }
}

/// Every provider's failure for one video, in chain order.
public struct ChainFailure: Error, Sendable, CustomStringConvertible {
    public let attempts: [(provider: String, failure: ProviderFailure)]

    public init(attempts: [(String, ProviderFailure)]) {
        self.attempts = attempts.map { (provider: $0.0, failure: $0.1) }
    }

    /// The failure that decides what happens to the video: the last one, or a "gone" verdict.
    public var decisive: ProviderFailure {
        attempts.last(where: { $0.failure.meansVideoUnavailable })?.failure ?? attempts.last!.failure
    }

    /// The longest Retry-After any provider asked for.
    public var retryAfter: TimeInterval? {
        attempts.compactMap { if case .rateLimited(let after) = $0.failure { return after } else { return nil } }.max()
    }

    public var description: String {
        attempts.map { "\($0.provider): \($0.failure)" }.joined(separator: "; ")
    }
}
