import Foundation
import TrendlineDomain
import TrendlineStore

/// Tracks batches of pasted URLs for an account: parse, resolve short links, then store all
/// of them in one transaction. One bad URL never fails the batch.
public struct TrackingService: Sendable {
    /// The most URLs one request may carry.
    public static let maximumBatch = 50
    /// Short links resolved at once per request.
    static let resolutionConcurrency = 8

    let repository: any TrendlineRepository
    let resolver: any ShortLinkResolver
    let clock: WallClock

    public init(repository: any TrendlineRepository, resolver: any ShortLinkResolver, clock: WallClock = .system) {
        self.repository = repository
        self.resolver = resolver
        self.clock = clock
    }

    /// Options applied to every URL of a batch.
    public struct Options: Sendable {
        public var duration: TrackingDuration
        public var cadence: Cadence
        public var notes: String?
        /// The account's plan: its video limit, snapshot floor and price apply to new trackings.
        public var plan: Plan
        /// View counts announced with `milestone.reached` (validated).
        public var milestones: [Int64] = []
        /// `direct_add` for pasted URLs; discovery sets `auto_tracked` or `pending_review`.
        public var reviewStatus: ReviewStatus = .directAdd
        /// The creator whose discovery found the videos.
        public var creatorID: UUID?
        /// The campaign new trackings join (validated ``CampaignName``); videos already tracked keep theirs.
        public var campaign: String?

        public init(duration: TrackingDuration = .default, cadence: Cadence = .default, notes: String? = nil, plan: Plan = .unlimited) {
            self.duration = duration
            self.cadence = cadence
            self.notes = notes
            self.plan = plan
        }

        /// The terms a new tracking starts on under these options.
        public var terms: TrackingTerms {
            TrackingTerms(
                minimumInterval: plan.minimumSnapshotInterval, pricePerSnapshot: plan.snapshotPrice,
                estimatedCost: plan.estimatedCost(of: cadence, for: duration))
        }
    }

    /// The plan does not offer the requested cadence: nothing of the batch is tracked.
    public struct CadenceNotInPlan: Error, Sendable, Equatable {
        public let plan: String
        public let cadence: Cadence
        public let minimumInterval: TimeInterval

        public init(plan: Plan, cadence: Cadence) {
            self.plan = plan.name
            self.cadence = cadence
            self.minimumInterval = plan.minimumSnapshotInterval
        }

        public var message: String {
            "the \(plan) plan takes snapshots at most every \(Int(minimumInterval / 60)) minutes; cadence '\(cadence.rawValue)' is not available (use adaptive or a slower cadence)"
        }
    }

    /// The outcome for one submitted URL, at its index in the request.
    public struct ItemResult: Sendable {
        public enum Status: String, Sendable {
            case tracked
            case alreadyTracked = "already_tracked"
            case error
        }

        public var index: Int
        public var submittedURL: String
        public var status: Status
        /// Set unless `status` is `error`.
        public var trackedVideo: TrackedVideo?
        /// The platform, when the URL got far enough to tell.
        public var platform: Platform?
        /// Set when `status` is `error` because the URL is not a video.
        public var error: VideoURLError?
        /// Set when `status` is `error` because the plan or the balance refused the tracking.
        public var refusal: TrackRefusal?
        /// What the tracking may cost in all (zero without credits).
        public var estimatedCost: Money {
            trackedVideo?.tracking.terms.estimatedCost ?? .zero
        }
    }

    /// Tracks every URL; throws ``CadenceNotInPlan`` before doing anything when the plan
    /// refuses the cadence. `metadata`, when given, holds what is already known of each URL's
    /// video, in the order of `urls` (see ``NewTracking/metadata``).
    public func track(urls: [String], accountID: UUID, options: Options, metadata: [VideoMetadata?] = []) async throws -> [ItemResult] {
        guard options.plan.allows(options.cadence) else {
            throw CadenceNotInPlan(plan: options.plan, cadence: options.cadence)
        }
        let resolved = await resolveAll(urls)
        var requests: [NewTracking] = []
        var requestIndex: [Int: Int] = [:]
        for (index, outcome) in resolved.enumerated() {
            if case .success(let video) = outcome {
                requestIndex[index] = requests.count
                var request = NewTracking(
                    accountID: accountID, video: video, submittedURL: urls[index],
                    duration: options.duration, cadence: options.cadence, notes: options.notes,
                    terms: options.terms, maxActiveTrackings: options.plan.maxTrackedVideos)
                request.milestones = options.milestones
                request.reviewStatus = options.reviewStatus
                request.creatorID = options.creatorID
                request.campaign = options.campaign
                request.metadata = index < metadata.count ? metadata[index] : nil
                requests.append(request)
            }
        }
        let outcomes = requests.isEmpty ? [] : try await repository.track(requests, at: clock.now)
        return resolved.enumerated().map { index, outcome in
            switch outcome {
            case .failure(let error):
                // Only a short link that failed to resolve got far enough to tell its platform.
                var platform: Platform?
                if case .unresolvable(let linkPlatform, _) = error { platform = linkPlatform }
                return ItemResult(index: index, submittedURL: urls[index], status: .error, platform: platform, error: error)
            case .success(let video):
                switch outcomes[requestIndex[index]!] {
                case .created(let tracked):
                    return ItemResult(index: index, submittedURL: urls[index], status: .tracked, trackedVideo: tracked, platform: video.platform)
                case .existing(let tracked):
                    return ItemResult(index: index, submittedURL: urls[index], status: .alreadyTracked, trackedVideo: tracked, platform: video.platform)
                case .refused(let refusal):
                    return ItemResult(index: index, submittedURL: urls[index], status: .error, platform: video.platform, refusal: refusal)
                }
            }
        }
    }

    /// Parses one URL, following it when it is a short link: the video it names.
    public func resolve(_ url: String) async -> Result<VideoURL, VideoURLError> {
        await resolveAll([url])[0]
    }

    /// Parses every URL and resolves the short links among them, a few at a time.
    func resolveAll(_ urls: [String]) async -> [Result<VideoURL, VideoURLError>] {
        var results = [Result<VideoURL, VideoURLError>?](repeating: nil, count: urls.count)
        var links: [(Int, ShortLink)] = []
        for (index, url) in urls.enumerated() {
            switch VideoURLParser.parse(url) {
            case .success(.video(let video)): results[index] = .success(video)
            case .success(.shortLink(let link)): links.append((index, link))
            case .failure(let error): results[index] = .failure(error)
            }
        }
        await withTaskGroup(of: (Int, Result<VideoURL, VideoURLError>).self) { group in
            var pending = links[...]
            func startNext() {
                guard let (index, link) = pending.popFirst() else { return }
                group.addTask { (index, await resolver.resolve(link)) }
            }
            for _ in 0..<Self.resolutionConcurrency { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                startNext()
            }
        }
        return results.map { $0! }
    }
}
