import Foundation
import TrendlineDomain

/// Where creator profiles and recent videos come from (the providers, in production). The
/// core only sees this protocol, as it only sees ``LiveStats`` for videos.
public protocol CreatorSource: Sendable {
    func profile(_ handle: CreatorHandle) async -> Result<CreatorReading<CreatorProfile>, CreatorFetchFailure>
    /// Up to `limit` recent videos, newest first.
    func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<CreatorReading<[ChannelVideo]>, CreatorFetchFailure>
}

/// A value read from a platform, with the provider that answered and when.
public struct CreatorReading<Value: Sendable>: Sendable {
    public var value: Value
    public var provider: String
    public var fetchedAt: Date

    public init(value: Value, provider: String, fetchedAt: Date) {
        self.value = value
        self.provider = provider
        self.fetchedAt = fetchedAt
    }
}

/// Why a creator could not be read.
public struct CreatorFetchFailure: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// No such account, or it is private.
        case notFound
        case rateLimited
        /// No provider can run here (credentials missing, platform not supported).
        case unavailable
        /// The platform failed or answered something unexpected.
        case upstream
    }

    public var kind: Kind
    public var message: String
    public var retryAfter: TimeInterval?

    public init(kind: Kind, message: String, retryAfter: TimeInterval? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }
}

/// A source with no providers: every read fails saying so.
public struct NoCreatorSource: CreatorSource {
    public init() {}
    public func profile(_ handle: CreatorHandle) async -> Result<CreatorReading<CreatorProfile>, CreatorFetchFailure> {
        .failure(CreatorFetchFailure(kind: .unavailable, message: "no creator providers are configured in this process"))
    }
    public func recentVideos(_ handle: CreatorHandle, profile: CreatorProfile?, limit: Int) async -> Result<CreatorReading<[ChannelVideo]>, CreatorFetchFailure> {
        .failure(CreatorFetchFailure(kind: .unavailable, message: "no creator providers are configured in this process"))
    }
}
