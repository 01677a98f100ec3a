import Foundation
import Logging
import TrendlineDomain
import TrendlineStore

/// Checks followed creators whose discovery is due: reads the profile (a follower snapshot)
/// and the recent videos, and adds the new ones, tracked at once (`auto`) or to the inbox
/// (`selective`). Leases make it safe on several nodes; an expired lease is retried.
///
/// The first check records the videos the creator already has without adding them: following
/// a creator means following what they post from then on. Later checks stop at the first video
/// seen before, and a video the account tracks, excluded or deleted is never added again.
public struct CreatorDiscovery: Sendable {
    let repository: any TrendlineRepository
    let source: any CreatorSource
    let tracking: TrackingService
    let plans: PlanCatalog
    let clock: WallClock
    let logger: Logger
    /// How long a claim holds a creator.
    public var lease: TimeInterval = 300
    /// Recent videos read per check.
    public var listLimit = 30
    /// Wait before retrying a creator whose check failed (unless the platform said longer).
    public var retryDelay: TimeInterval = 1800

    public init(
        repository: any TrendlineRepository, source: any CreatorSource, tracking: TrackingService, plans: PlanCatalog,
        clock: WallClock = .system, logger: Logger = Logger(label: "trendline.discovery")
    ) {
        self.repository = repository
        self.source = source
        self.tracking = tracking
        self.plans = plans
        self.clock = clock
        self.logger = logger
    }

    /// Checks up to `limit` due creators; returns how many it checked.
    @discardableResult
    public func runOnce(limit: Int = 50) async throws -> Int {
        let now = clock.now
        let due = try await repository.claimDueCreators(at: now, limit: limit, leaseUntil: now.addingTimeInterval(lease))
        for creator in due { try await check(creator) }
        return due.count
    }

    func check(_ creator: Creator) async throws {
        let profile: CreatorProfile, profileProvider: String
        switch await source.profile(creator.handle) {
        case .failure(let failure): return try await fail(creator, failure)
        case .success(let reading): (profile, profileProvider) = (reading.value.filled(from: creator.profile), reading.provider)
        }
        let recent: [ChannelVideo], videosProvider: String
        switch await source.recentVideos(creator.handle, profile: profile, limit: listLimit) {
        case .failure(let failure): return try await fail(creator, failure)
        case .success(let reading): (recent, videosProvider) = (reading.value.newestFirst, reading.provider)
        }
        let known = try await repository.knownCreatorVideos(creatorID: creator.id, videoIDs: recent.map(\.id))
        let fresh = DiscoveryCut.newVideos(recent, known: known)
        var seen = fresh.map(\.id)
        var discovered = 0
        if creator.lastCheckedAt != nil, !fresh.isEmpty {
            let account = try await repository.account(id: creator.accountID)
            var options = TrackingService.Options(
                duration: creator.trackingDuration, cadence: creator.trackingCadence, plan: plans.plan(named: account?.plan))
            options.reviewStatus = creator.mode == .auto ? .autoTracked : .pendingReview
            options.creatorID = creator.id
            options.campaign = creator.campaign
            let oldestFirst = Array(fresh.reversed())
            // The listing's caption and upload time, so a video waiting in the inbox can be
            // recognised before its first snapshot (which brings the platform's own author too).
            let listed = oldestFirst.map { VideoMetadata(title: $0.description, publishedAt: $0.createdAt) }
            let results = try await tracking.track(urls: oldestFirst.map(\.url), accountID: creator.accountID, options: options, metadata: listed)
            var refused: Set<String> = []
            for (video, result) in zip(oldestFirst, results) {
                switch result.status {
                case .tracked: discovered += 1
                case .alreadyTracked: break
                case .error:
                    if result.refusal != nil { refused.insert(video.id) }
                    logger.notice("discovered video not added", metadata: [
                        "creator": "\(creator.id)", "video": "\(video.url)",
                        "reason": "\(result.refusal.map { "\($0)" } ?? result.error?.message ?? "unknown")",
                    ])
                }
            }
            // A video the plan or the balance refused is retried by a later check (after the
            // limit is raised or credit added): nothing at or above it is marked seen, so the
            // cut at the first known video does not stop before it.
            if let lastRefused = fresh.lastIndex(where: { refused.contains($0.id) }) {
                seen = fresh[(lastRefused + 1)...].map(\.id)
            }
        }
        let now = clock.now
        try await repository.recordCreatorCheck(
            creatorID: creator.id, profile: profile, sources: CreatorSources(profile: profileProvider, videos: videosProvider), seen: seen, discovered: discovered,
            nextCheckAt: now.addingTimeInterval(creator.discoveryInterval), at: now)
    }

    func fail(_ creator: Creator, _ failure: CreatorFetchFailure) async throws {
        let delay = max(failure.retryAfter ?? 0, min(retryDelay, creator.discoveryInterval))
        logger.warning("creator check failed", metadata: ["creator": "\(creator.id)", "error": "\(failure.message)"])
        try await repository.recordCreatorFailure(creatorID: creator.id, error: failure.message, nextCheckAt: clock.now.addingTimeInterval(delay))
    }
}
