import Foundation
import TrendlineDomain

/// The one-off creator endpoints (`/v1/profile`, `/v1/channel/videos`, `/v1/median-views`,
/// `/v1/email`), cached per creator for a configurable time so repeated asks do not hit the
/// platform, and shared by asks made while a fetch is under way (``FetchCache``). Median views
/// and e-mail are computed from the cached reads.
public struct CreatorLookupService: Sendable {
    let source: any CreatorSource
    let clock: WallClock
    private let profiles: FetchCache<CreatorHandle, CreatorReading<CreatorProfile>, CreatorFetchFailure>
    private let videos: FetchCache<String, CreatorReading<[ChannelVideo]>, CreatorFetchFailure>

    /// The most recent videos one ask can list.
    public static let maximumCount = 50

    public init(source: any CreatorSource, clock: WallClock = .system, timeToLive: TimeInterval = 600) {
        self.source = source
        self.clock = clock
        self.profiles = FetchCache(timeToLive: timeToLive)
        self.videos = FetchCache(timeToLive: timeToLive)
    }

    /// A value and whether it came from the cache.
    public struct Answer<Value: Sendable>: Sendable {
        public var reading: CreatorReading<Value>
        public var cached: Bool
    }

    public func profile(_ handle: CreatorHandle) async -> Result<Answer<CreatorProfile>, CreatorFetchFailure> {
        let (result, cached) = await profiles.value(for: handle, at: clock.now) { [source] in await source.profile(handle) }
        return result.map { Answer(reading: $0, cached: cached) }
    }

    public func recentVideos(_ handle: CreatorHandle, count: Int) async -> Result<Answer<[ChannelVideo]>, CreatorFetchFailure> {
        let now = clock.now
        let key = "\(handle.platform.rawValue):\(handle.username):\(count)"
        let known = await profiles.kept(handle, at: now)?.value
        let (result, cached) = await videos.value(for: key, at: now) { [source] in await source.recentVideos(handle, profile: known, limit: count) }
        return result.map { Answer(reading: $0, cached: cached) }
    }

    /// Where a contact address was found.
    public struct EmailFinding: Sendable {
        public var emails: [String]
        /// `bio` or `external_url`; `nil` when none was found.
        public var source: String?
    }

    /// Addresses written in the profile's bio, else in its external link; never guessed.
    public static func email(in profile: CreatorProfile) -> EmailFinding {
        let inBio = EmailExtractor.extract(from: profile.bio ?? "")
        if !inBio.isEmpty { return EmailFinding(emails: inBio, source: "bio") }
        let inLink = EmailExtractor.extract(from: (profile.externalURL ?? "").replacingOccurrences(of: "mailto:", with: " "))
        if !inLink.isEmpty { return EmailFinding(emails: inLink, source: "external_url") }
        return EmailFinding(emails: [], source: nil)
    }
}
