import Foundation
import TrendlineDomain

/// The one-off creator endpoints (`/v1/profile`, `/v1/channel/videos`, `/v1/median-views`,
/// `/v1/email`), cached per creator for a configurable time so repeated asks do not hit the
/// platform. Median views and e-mail are computed from the cached reads.
public actor CreatorLookupService {
    let source: any CreatorSource
    let clock: WallClock
    public let timeToLive: TimeInterval
    private var profiles: [CreatorHandle: (reading: CreatorReading<CreatorProfile>, expires: Date)] = [:]
    private var videos: [String: (reading: CreatorReading<[ChannelVideo]>, expires: Date)] = [:]

    /// The most recent videos one ask can list.
    public static let maximumCount = 50

    public init(source: any CreatorSource, clock: WallClock = .system, timeToLive: TimeInterval = 600) {
        self.source = source
        self.clock = clock
        self.timeToLive = timeToLive
    }

    /// A value and whether it came from the cache.
    public struct Answer<Value: Sendable>: Sendable {
        public var reading: CreatorReading<Value>
        public var cached: Bool
    }

    public func profile(_ handle: CreatorHandle) async -> Result<Answer<CreatorProfile>, CreatorFetchFailure> {
        let now = clock.now
        if let hit = profiles[handle], hit.expires > now { return .success(Answer(reading: hit.reading, cached: true)) }
        switch await source.profile(handle) {
        case .failure(let failure): return .failure(failure)
        case .success(let reading):
            profiles[handle] = (reading, now.addingTimeInterval(timeToLive))
            if profiles.count > 10_000 { profiles = profiles.filter { $0.value.expires > now } }
            return .success(Answer(reading: reading, cached: false))
        }
    }

    public func recentVideos(_ handle: CreatorHandle, count: Int) async -> Result<Answer<[ChannelVideo]>, CreatorFetchFailure> {
        let now = clock.now
        let key = "\(handle.platform.rawValue):\(handle.username):\(count)"
        if let hit = videos[key], hit.expires > now { return .success(Answer(reading: hit.reading, cached: true)) }
        let known = profiles[handle].flatMap { $0.expires > now ? $0.reading.value : nil }
        switch await source.recentVideos(handle, profile: known, limit: count) {
        case .failure(let failure): return .failure(failure)
        case .success(let reading):
            videos[key] = (reading, now.addingTimeInterval(timeToLive))
            if videos.count > 10_000 { videos = videos.filter { $0.value.expires > now } }
            return .success(Answer(reading: reading, cached: false))
        }
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
